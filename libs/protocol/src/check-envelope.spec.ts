import {
  EXAMPLE_CLIENT_EVENT_MESSAGES,
  EXAMPLE_ENVELOPE,
  EXAMPLE_FACILITATOR_ENVELOPE,
  EXAMPLE_FACILITATOR_EVENT_MESSAGE,
  EXAMPLE_FACILITATOR_EVENT_WITH_NOTE,
  EXAMPLE_IDS,
  EXAMPLE_JOIN_MESSAGE,
  EXAMPLE_LEAVE_MESSAGE,
  EXAMPLE_STATS_DELTA_MESSAGE,
  EXAMPLE_STATS_ENVELOPE,
  EXAMPLE_STATS_MESSAGE,
  EXAMPLE_UTTERANCE_MESSAGE,
} from './examples';
import { checkEnvelope, PROTOCOL_LIMITS, resolveStatsDelta, type Message, type StatsObject } from './index';

const AT = 1764153600000;

function envelopeWith(...messages: unknown[]) {
  return { v: 1, sessionId: EXAMPLE_IDS.sessionId, participantId: EXAMPLE_IDS.memberId, seq: 1, sentAt: AT, messages };
}

function statsWith(...stats: unknown[]) {
  return { kind: 'stats', timestamp: AT, stats };
}

const inboundAudio = { type: 'inbound-rtp', id: 'IT01A1', timestamp: AT, kind: 'audio', packetsLost: 3 };

describe(checkEnvelope.name, () => {
  describe('valid examples', () => {
    it.each<[string, Message]>([
      ['stats', EXAMPLE_STATS_MESSAGE],
      ['utterance', EXAMPLE_UTTERANCE_MESSAGE],
      ...EXAMPLE_CLIENT_EVENT_MESSAGES.map((message): [string, Message] => [`client-event ${message.type}`, message]),
      ['facilitator-event', EXAMPLE_FACILITATOR_EVENT_MESSAGE],
      ['join', EXAMPLE_JOIN_MESSAGE],
      ['join without client info', { kind: 'join', at: AT }],
      ['leave', EXAMPLE_LEAVE_MESSAGE],
      ['leave without reason', { kind: 'leave', at: AT }],
      ['utterance of zero length', { kind: 'utterance', start: AT, end: AT }],
    ])('accepts %s', (_name, message) => {
      const sut = checkEnvelope(envelopeWith(message));

      expect(sut.rejected).toEqual([]);
      expect(sut.accepted).toEqual([{ index: 0, message }]);
    });

    it.each([
      ['EXAMPLE_ENVELOPE', EXAMPLE_ENVELOPE],
      ['EXAMPLE_STATS_ENVELOPE', EXAMPLE_STATS_ENVELOPE],
      ['EXAMPLE_FACILITATOR_ENVELOPE', EXAMPLE_FACILITATOR_ENVELOPE],
    ])('accepts every message of %s and returns its header', (_name, envelope) => {
      const sut = checkEnvelope(envelope);

      expect(sut).toEqual({
        ok: true,
        header: {
          v: 1,
          sessionId: envelope.sessionId,
          participantId: envelope.participantId,
          seq: envelope.seq,
          sentAt: envelope.sentAt,
        },
        seq: envelope.seq,
        envelopeIssues: [],
        accepted: envelope.messages.map((message, index) => ({ index, message })),
        rejected: [],
      });
    });

    it('accepts an empty envelope (a heartbeat)', () => {
      expect(checkEnvelope(envelopeWith())).toMatchObject({ ok: true, accepted: [], rejected: [] });
    });
  });

  describe('message issues', () => {
    it.each<[string, unknown, string, string]>([
      // stats
      [
        'a known stats field with the wrong JSON type',
        statsWith({ ...inboundAudio, packetsLost: '3' }),
        '/messages/0/stats/0/packetsLost',
        'expected finite number, got string',
      ],
      [
        'a stats object without id',
        statsWith(inboundAudio, { type: 'transport', timestamp: AT }),
        '/messages/0/stats/1/id',
        'required property missing',
      ],
      [
        'a stats object without type',
        statsWith({ id: 'X', timestamp: AT }),
        '/messages/0/stats/0/type',
        'required property missing',
      ],
      [
        'a stats type that is not a string',
        statsWith({ type: 5, id: 'X', timestamp: AT }),
        '/messages/0/stats/0/type',
        'expected string, got integer',
      ],
      [
        'an empty stats type',
        statsWith({ type: '', id: 'X', timestamp: AT }),
        '/messages/0/stats/0/type',
        'must not be empty',
      ],
      [
        'an unknown stats type with a bad base field',
        statsWith({ type: 'track', id: 'T1', timestamp: '12' }),
        '/messages/0/stats/0/timestamp',
        'expected finite number, got string',
      ],
      [
        'a wrong type inside qualityLimitationDurations',
        statsWith({ type: 'outbound-rtp', id: 'O1', timestamp: AT, qualityLimitationDurations: { cpu: 'high' } }),
        '/messages/0/stats/0/qualityLimitationDurations/cpu',
        'expected finite number, got string',
      ],
      [
        'a boolean field given as a string',
        statsWith({ type: 'candidate-pair', id: 'CP1', timestamp: AT, nominated: 'true' }),
        '/messages/0/stats/0/nominated',
        'expected boolean, got string',
      ],
      [
        'NaN (possible only without JSON)',
        statsWith({ ...inboundAudio, jitter: NaN }),
        '/messages/0/stats/0/jitter',
        'expected finite number, got NaN',
      ],
      ['an empty stats array', statsWith(), '/messages/0/stats', 'must have at least 1 item'],
      [
        'a stats message without timestamp',
        { kind: 'stats', stats: [inboundAudio] },
        '/messages/0/timestamp',
        'required property missing',
      ],
      // utterance
      [
        'an utterance ending before it starts',
        { kind: 'utterance', start: AT, end: AT - 1 },
        '/messages/0/end',
        `must not be before start (end ${AT - 1} < start ${AT})`,
      ],
      [
        'an utterance time given as a string',
        { kind: 'utterance', start: String(AT), end: AT },
        '/messages/0/start',
        'expected finite number, got string',
      ],
      ['a zero timestamp', { kind: 'join', at: 0 }, '/messages/0/at', 'must be > 0 (got 0)'],
      [
        'a timestamp in microseconds',
        { kind: 'join', at: AT * 1000 },
        '/messages/0/at',
        `must be <= 10000000000000 (got ${AT * 1000})`,
      ],
      // client-event
      [
        'a client event state outside its enum',
        { kind: 'client-event', at: AT, type: 'visibility', state: 'gone' },
        '/messages/0/state',
        'must be one of: "hidden", "visible"',
      ],
      [
        'an unknown client event type',
        { kind: 'client-event', at: AT, type: 'shake' },
        '/messages/0/type',
        'unknown client event type "shake" (expected one of: visibility, focus, mic, camera, device-change, ' +
          'ice-state, connection-state, privacy-pause, voice-detection, consent, collector-gap)',
      ],
      [
        'a field the protocol does not define (a user agent)',
        { kind: 'client-event', at: AT, type: 'mic', state: 'on', userAgent: 'Mozilla/5.0' },
        '/messages/0/userAgent',
        'unknown property (not part of protocol v1)',
      ],
      [
        'a user agent smuggled into join',
        { kind: 'join', at: AT, client: { userAgent: 'Mozilla/5.0' } },
        '/messages/0/client/userAgent',
        'unknown property (not part of protocol v1)',
      ],
      [
        'an unknown property name containing "/"',
        { kind: 'leave', at: AT, 'a/b': 1 },
        '/messages/0/a~1b',
        'unknown property (not part of protocol v1)',
      ],
      [
        'duplicate consent scopes',
        { kind: 'client-event', at: AT, type: 'consent', state: 'granted', scopes: ['storage', 'storage'] },
        '/messages/0/scopes',
        'must not contain duplicates',
      ],
      [
        'an unknown consent scope',
        { kind: 'client-event', at: AT, type: 'consent', state: 'granted', scopes: ['marketing'] },
        '/messages/0/scopes/0',
        'must be one of: "storage", "research"',
      ],
      [
        'a device change without device',
        { kind: 'client-event', at: AT, type: 'device-change' },
        '/messages/0/device',
        'required property missing',
      ],
      // facilitator-event
      [
        'a facilitator code of the wrong shape',
        { kind: 'facilitator-event', at: AT, code: 'Not A Code' },
        '/messages/0/code',
        'must be a code of lowercase letters, digits and "-", starting with a letter (1–40)',
      ],
      [
        'a facilitator code the server does not know',
        { kind: 'facilitator-event', at: AT, code: 'made-up' },
        '/messages/0/code',
        'facilitator code "made-up" is not configured on this server',
      ],
      [
        'a facilitator event about a member whose id is not a UUID',
        { kind: 'facilitator-event', at: AT, code: 'phone', participantId: 'member-7' },
        '/messages/0/participantId',
        'must be a UUID',
      ],
      [
        'a facilitator note while notes are disabled',
        EXAMPLE_FACILITATOR_EVENT_WITH_NOTE,
        '/messages/0/note',
        'facilitator notes are disabled on this server',
      ],
      // leave
      [
        'an unknown leave reason',
        { kind: 'leave', at: AT, reason: 'bored' },
        '/messages/0/reason',
        'must be one of: "hangup", "page-closed", "kicked", "error"',
      ],
      // kind
      [
        'an unknown message kind',
        { kind: 'foo', at: AT },
        '/messages/0/kind',
        'unknown message kind "foo" (expected one of: stats, utterance, client-event, facilitator-event, join, leave)',
      ],
      [
        'a message without kind',
        { at: AT },
        '/messages/0/kind',
        'required property missing (expected one of: stats, utterance, client-event, facilitator-event, join, leave)',
      ],
      [
        'a kind that is not a string',
        { kind: 5 },
        '/messages/0/kind',
        'expected string, got integer (expected one of: stats, utterance, client-event, facilitator-event, join, leave)',
      ],
      ['a message that is not an object', 42, '/messages/0', 'expected object, got integer'],
      ['a message that is null', null, '/messages/0', 'expected object, got null'],
    ])('rejects %s', (_name, message, path, reason) => {
      const sut = checkEnvelope(envelopeWith(message));

      expect(sut.ok).toBe(true);
      expect(sut.accepted).toEqual([]);
      expect(sut.rejected).toEqual([{ index: 0, issues: [{ path, reason }] }]);
    });

    it('reports every issue of one message, one per path', () => {
      const sut = checkEnvelope(envelopeWith({ kind: 'utterance', start: 'soon' }));

      expect(sut.rejected[0].issues).toEqual([
        { path: '/messages/0/end', reason: 'required property missing' },
        { path: '/messages/0/start', reason: 'expected finite number, got string' },
      ]);
    });

    it(`caps the issues of one message at ${PROTOCOL_LIMITS.maxIssuesPerMessage}`, () => {
      const broken = Array.from({ length: 50 }, (_, index) => ({ ...inboundAudio, id: `I${index}`, jitter: 'x' }));

      const sut = checkEnvelope(envelopeWith(statsWith(...broken)));

      expect(sut.rejected[0].issues).toHaveLength(PROTOCOL_LIMITS.maxIssuesPerMessage);
    });

    it('rejects two stats objects with the same id', () => {
      const sut = checkEnvelope(envelopeWith(statsWith(inboundAudio, { ...inboundAudio, packetsLost: 4 })));

      expect(sut.rejected).toEqual([
        {
          index: 0,
          issues: [{ path: '/messages/0/stats/1/id', reason: 'duplicate stats id (same as /messages/0/stats/0/id)' }],
        },
      ]);
    });
  });

  describe('unknown stats types and fields', () => {
    it('keeps them in the accepted message', () => {
      const stats = statsWith(
        { ...inboundAudio, someFutureField: { nested: [1, 2] }, googLegacy: 'x' },
        { type: 'track', id: 'TR1', timestamp: AT, kind: 'audio', ended: false },
        { type: 'ssrc', id: 'ssrc_1_recv', timestamp: AT, packetsLost: '3' },
        // Case matters: "Inbound-RTP" is some other type, not a malformed inbound-rtp.
        { type: 'Inbound-RTP', id: 'X1', timestamp: AT, packetsLost: '3' },
      );

      const sut = checkEnvelope(envelopeWith(stats));

      expect(sut.rejected).toEqual([]);
      expect(sut.accepted[0].message).toEqual(stats);
    });
  });

  it('accepts the valid messages of an envelope and rejects the others', () => {
    const sut = checkEnvelope(
      envelopeWith(
        EXAMPLE_STATS_MESSAGE,
        { kind: 'utterance', start: AT, end: 'later' },
        EXAMPLE_JOIN_MESSAGE,
        { kind: 'foo' },
        statsWith({ ...inboundAudio, packetsLost: '3' }, { ...inboundAudio, id: 'ok' }),
      ),
    );

    expect(sut.ok).toBe(true);
    expect(sut.accepted).toEqual([
      { index: 0, message: EXAMPLE_STATS_MESSAGE },
      { index: 2, message: EXAMPLE_JOIN_MESSAGE },
    ]);
    expect(sut.rejected).toEqual([
      { index: 1, issues: [{ path: '/messages/1/end', reason: 'expected finite number, got string' }] },
      {
        index: 3,
        issues: [
          {
            path: '/messages/3/kind',
            reason:
              'unknown message kind "foo" (expected one of: stats, utterance, client-event, facilitator-event, join, leave)',
          },
        ],
      },
      {
        index: 4,
        issues: [{ path: '/messages/4/stats/0/packetsLost', reason: 'expected finite number, got string' }],
      },
    ]);
  });

  describe('delta-compressed stats', () => {
    const baseline = EXAMPLE_STATS_MESSAGE.stats as StatsObject[];
    const resolveAgainstExample = {
      resolveStatsDelta: (delta: { timestamp: number; stats: Record<string, unknown>[] }, path: string) =>
        resolveStatsDelta(baseline, delta, path),
    };

    it('accepts a delta as the full report it stands for', () => {
      const sut = checkEnvelope(envelopeWith(EXAMPLE_STATS_DELTA_MESSAGE), resolveAgainstExample);

      expect(sut.rejected).toEqual([]);
      const [{ message }] = sut.accepted;
      expect(message).toMatchObject({
        kind: 'stats',
        timestamp: EXAMPLE_STATS_DELTA_MESSAGE.timestamp,
        peerConnectionId: 'pc-0',
      });
      expect(message).not.toHaveProperty('deltaOf');
      const resolved = message.kind === 'stats' ? message.stats : [];
      expect(resolved).toHaveLength(baseline.length);
      expect(resolved.find((stats) => stats.id === 'SA1')).toMatchObject({ kind: 'audio', totalAudioEnergy: 1.9902 });
    });

    it('checks the resolved objects, pointing at the object the client sent', () => {
      const delta = {
        ...EXAMPLE_STATS_DELTA_MESSAGE,
        stats: [{ id: 'SA1' }, { id: 'IT01A1914853159', packetsLost: 'many' }],
      };

      const sut = checkEnvelope(envelopeWith(delta), resolveAgainstExample);

      expect(sut.accepted).toEqual([]);
      expect(sut.rejected).toEqual([
        {
          index: 0,
          issues: [{ path: '/messages/0/stats/1/packetsLost', reason: 'expected finite number, got string' }],
        },
      ]);
    });

    it('rejects a malformed delta with its path, and any delta where no resolver is configured', () => {
      const malformed = checkEnvelope(
        envelopeWith({ ...EXAMPLE_STATS_DELTA_MESSAGE, deltaOf: -1 }),
        resolveAgainstExample,
      );
      const unresolvable = checkEnvelope(envelopeWith(EXAMPLE_STATS_DELTA_MESSAGE, EXAMPLE_UTTERANCE_MESSAGE));

      expect(malformed.rejected).toEqual([
        { index: 0, issues: [{ path: '/messages/0/deltaOf', reason: expect.any(String) }] },
      ]);
      expect(unresolvable.rejected).toEqual([
        {
          index: 0,
          issues: [
            {
              path: '/messages/0/deltaOf',
              reason: 'delta-compressed stats are not accepted here; send the full report',
            },
          ],
        },
      ]);
      expect(unresolvable.accepted).toHaveLength(1);
    });
  });

  describe('server policy', () => {
    it('accepts a facilitator note when notes are enabled', () => {
      const sut = checkEnvelope(envelopeWith(EXAMPLE_FACILITATOR_EVENT_WITH_NOTE), { allowFacilitatorNotes: true });

      expect(sut.accepted).toEqual([{ index: 0, message: EXAMPLE_FACILITATOR_EVENT_WITH_NOTE }]);
    });

    it('accepts facilitator codes the server configured, and only those', () => {
      const custom = { kind: 'facilitator-event', at: AT, code: 'breakout-room' };
      const sut = checkEnvelope(envelopeWith(custom, EXAMPLE_FACILITATOR_EVENT_MESSAGE), {
        facilitatorCodes: new Set(['breakout-room']),
      });

      expect(sut.accepted.map(({ index }) => index)).toEqual([0]);
      expect(sut.rejected.map(({ index }) => index)).toEqual([1]);
    });
  });

  describe('envelope issues', () => {
    const valid = envelopeWith(EXAMPLE_JOIN_MESSAGE);

    it.each<[string, unknown, string, string]>([
      ['a non-object', 'hello', '', 'expected object, got string'],
      ['an array', [valid], '', 'expected object, got array'],
      ['null', null, '', 'expected object, got null'],
      ['an unsupported version', { ...valid, v: 2 }, '/v', 'unsupported protocol version 2 (this server speaks v1)'],
      ['a missing version', { ...valid, v: undefined }, '/v', 'required property missing'],
      ['a session id that is not a UUID', { ...valid, sessionId: 'abc' }, '/sessionId', 'must be a UUID'],
      [
        'a missing participant id',
        { ...valid, participantId: undefined },
        '/participantId',
        'required property missing',
      ],
      ['a negative seq', { ...valid, seq: -1 }, '/seq', 'must be >= 0 (got -1)'],
      ['a fractional seq', { ...valid, seq: 1.5 }, '/seq', 'expected integer, got number'],
      ['a sentAt string', { ...valid, sentAt: 'now' }, '/sentAt', 'expected finite number, got string'],
      ['messages that are not an array', { ...valid, messages: {} }, '/messages', 'expected array, got object'],
      [
        'an unknown envelope property',
        { ...valid, userAgent: 'x' },
        '/userAgent',
        'unknown property (not part of protocol v1)',
      ],
      [
        'more messages than the protocol allows',
        envelopeWith(...Array.from({ length: PROTOCOL_LIMITS.maxMessagesPerEnvelope + 1 }, () => EXAMPLE_JOIN_MESSAGE)),
        '/messages',
        `must have at most ${PROTOCOL_LIMITS.maxMessagesPerEnvelope} items (got ${PROTOCOL_LIMITS.maxMessagesPerEnvelope + 1})`,
      ],
    ])('rejects the whole envelope for %s', (_name, input, path, reason) => {
      const sut = checkEnvelope(input);

      expect(sut).toMatchObject({ ok: false, accepted: [], rejected: [] });
      expect(sut.header).toBeUndefined();
      expect(sut.envelopeIssues).toEqual([{ path, reason }]);
    });

    it('rejects the whole envelope when it has more messages than the server allows', () => {
      const sut = checkEnvelope(envelopeWith(EXAMPLE_JOIN_MESSAGE, EXAMPLE_JOIN_MESSAGE, { kind: 'foo' }), {
        maxMessages: 2,
      });

      expect(sut).toMatchObject({ ok: false, seq: 1, accepted: [], rejected: [] });
      expect(sut.envelopeIssues).toEqual([
        { path: '/messages', reason: 'too many messages: 3 (this server accepts at most 2 per envelope)' },
      ]);
    });

    it('never raises maxMessages above the protocol limit', () => {
      const messages = Array.from({ length: PROTOCOL_LIMITS.maxMessagesPerEnvelope + 1 }, () => EXAMPLE_JOIN_MESSAGE);

      expect(checkEnvelope(envelopeWith(...messages), { maxMessages: 1e6 }).ok).toBe(false);
    });

    it('still reports a readable seq so the envelope can be acknowledged', () => {
      expect(checkEnvelope({ ...valid, seq: 9, v: 2 }).seq).toBe(9);
      expect(checkEnvelope({ ...valid, seq: 'nine' }).seq).toBeUndefined();
    });

    it('reports header issues and leaves the messages unjudged', () => {
      const sut = checkEnvelope({ ...envelopeWith({ kind: 'foo' }), sessionId: 'abc', seq: -1 });

      expect(sut.envelopeIssues).toEqual([
        { path: '/sessionId', reason: 'must be a UUID' },
        { path: '/seq', reason: 'must be >= 0 (got -1)' },
      ]);
      expect(sut.rejected).toEqual([]);
    });
  });
});
