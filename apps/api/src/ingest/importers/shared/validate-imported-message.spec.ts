import { validateImportedMessage } from './validate-imported-message';

const inbound = (id: string, packetsLost: unknown) => ({ id, type: 'inbound-rtp', timestamp: 1000, packetsLost });

describe(validateImportedMessage.name, () => {
  it('passes a valid message through, without network identity', () => {
    const candidate = {
      kind: 'stats',
      timestamp: 1000,
      stats: [{ id: 'L1', type: 'local-candidate', timestamp: 1000, address: '192.0.2.1', ipAddress: '192.0.2.1' }],
    };
    expect(validateImportedMessage(candidate)).toEqual({
      message: { kind: 'stats', timestamp: 1000, stats: [{ id: 'L1', type: 'local-candidate', timestamp: 1000 }] },
    });
  });

  it('drops the stats objects the protocol rejects and keeps the report, saying why in one sentence', () => {
    const candidate = {
      kind: 'stats',
      timestamp: 1000,
      stats: [inbound('A', 1), inbound('B', '2'), inbound('C', '3'), inbound('D', '4'), inbound('E', '5')],
    };
    const { message, problem } = validateImportedMessage(candidate);
    expect(message).toEqual({ kind: 'stats', timestamp: 1000, stats: [inbound('A', 1)] });
    expect(problem).toBe(
      'dropped 4 of 5 stats objects the protocol rejects: /stats/1/packetsLost: expected finite number, got string; ' +
        '/stats/2/packetsLost: expected finite number, got string; ' +
        '/stats/3/packetsLost: expected finite number, got string; and 1 more',
    );
  });

  it('drops a message that is wrong as a whole', () => {
    expect(validateImportedMessage({ kind: 'stats', timestamp: -1, stats: [inbound('A', 1)] })).toEqual({
      problem: 'message dropped: /timestamp: must be > 0 (got -1)',
    });
    expect(validateImportedMessage({ kind: 'stats', timestamp: 1000, stats: [inbound('A', '1')] })).toEqual({
      problem: 'message dropped: /stats/0/packetsLost: expected finite number, got string',
    });
  });
});
