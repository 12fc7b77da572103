import { EXAMPLE_ENVELOPE, EXAMPLE_ENVELOPE_WITH_INVALID_MESSAGES } from './examples';
import { checkEnvelope, toIngestAck } from './index';

describe(toIngestAck.name, () => {
  it('acknowledges a fully valid envelope as accepted', () => {
    expect(toIngestAck(checkEnvelope(EXAMPLE_ENVELOPE))).toEqual({
      seq: 42,
      status: 'accepted',
      accepted: 4,
      rejected: [],
    });
  });

  it('acknowledges a partly valid envelope as partial, listing the rejected messages', () => {
    const ack = toIngestAck(checkEnvelope(EXAMPLE_ENVELOPE_WITH_INVALID_MESSAGES));

    expect(ack).toMatchObject({ seq: 44, status: 'partial', accepted: 1 });
    expect(ack.rejected.map(({ index }) => index)).toEqual([1, 2]);
  });

  it('acknowledges an envelope whose every message is invalid as rejected', () => {
    const ack = toIngestAck(checkEnvelope({ ...EXAMPLE_ENVELOPE, messages: [{ kind: 'foo' }] }));

    expect(ack).toMatchObject({ seq: 42, status: 'rejected', accepted: 0 });
    expect(ack.envelopeIssues).toBeUndefined();
  });

  it('acknowledges an invalid envelope as rejected, with its issues and any readable seq', () => {
    expect(toIngestAck(checkEnvelope({ ...EXAMPLE_ENVELOPE, v: 2 }))).toEqual({
      seq: 42,
      status: 'rejected',
      accepted: 0,
      rejected: [],
      envelopeIssues: [{ path: '/v', reason: 'unsupported protocol version 2 (this server speaks v1)' }],
    });
    expect(toIngestAck(checkEnvelope('nonsense')).seq).toBeNull();
  });
});
