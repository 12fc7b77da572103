import {
  EXAMPLE_ENVELOPE,
  EXAMPLE_ENVELOPE_WITH_INVALID_MESSAGES,
  EXAMPLE_FACILITATOR_ENVELOPE,
  EXAMPLE_IDS,
  EXAMPLE_LEAVE_MESSAGE,
  EXAMPLE_STATS_ENVELOPE,
} from '@attune/protocol/examples';
import { eventTimeOf } from '../shared/event-time';
import { rejectedByIngest } from '../testing/check-as-ingest';
import { parseEnvelopeNdjson } from './parse-envelope-ndjson';

const LEAVE_ENVELOPE = { ...EXAMPLE_ENVELOPE, seq: 45, messages: [EXAMPLE_LEAVE_MESSAGE] };

describe(parseEnvelopeNdjson.name, () => {
  const lines = [
    JSON.stringify(EXAMPLE_ENVELOPE), // 1
    JSON.stringify(EXAMPLE_STATS_ENVELOPE), // 2
    '{"v":1,"sessionId":', // 3: cut off
    JSON.stringify(EXAMPLE_ENVELOPE_WITH_INVALID_MESSAGES), // 4: 1 of 3 messages valid
    '', // 5
    JSON.stringify(EXAMPLE_STATS_ENVELOPE), // 6: a resend
    JSON.stringify({ ...EXAMPLE_ENVELOPE, v: 2, seq: 46 }), // 7
    JSON.stringify(EXAMPLE_FACILITATOR_ENVELOPE), // 8: someone else
    JSON.stringify(LEAVE_ENVELOPE), // 9
  ];
  const sut = parseEnvelopeNdjson(lines.join('\n'), 'recordings/member.ndjson');

  it('keeps every valid message of every valid envelope, one bad line notwithstanding', () => {
    expect(sut.messages.map((message) => message.kind)).toEqual([
      'join',
      'utterance',
      'utterance',
      'stats',
      'client-event',
      'client-event',
      'leave',
    ]);
    expect(rejectedByIngest(sut.messages)).toEqual([]);
  });

  it('orders the messages by event time', () => {
    const times = sut.messages.map(eventTimeOf);
    expect(times).toEqual([...times].sort((first, second) => first - second));
  });

  it('names the participant by the envelopes’ participantId', () => {
    expect(sut.id).toBe(EXAMPLE_IDS.memberId);
    expect(sut.format).toBe('ndjson');
  });

  it('reports bad lines and rejected messages with file, line and reason', () => {
    expect(sut.problems.map(({ file, line }) => `${file}:${line}`)).toEqual([
      'recordings/member.ndjson:3',
      'recordings/member.ndjson:4',
      'recordings/member.ndjson:4',
      'recordings/member.ndjson:7',
      'recordings/member.ndjson:8',
    ]);
    expect(sut.problems.map((problem) => problem.reason)).toEqual([
      expect.stringMatching(/^envelope rejected: malformed JSON at position 19 \(line 1, column 20\)/),
      'message 1 rejected: /messages/1/end: must not be before start (end 1764153600900 < start 1764153601500)',
      'message 2 rejected: /messages/2/stats/0/packetsLost: expected finite number, got string',
      'envelope rejected: /v: unsupported protocol version 2 (this server speaks v1)',
      'envelope of another participant; a recording holds one participant',
    ]);
  });

  it('strips network identity that a collector let through', () => {
    const leaky = {
      ...EXAMPLE_STATS_ENVELOPE,
      messages: [
        {
          kind: 'stats',
          timestamp: 1764153601000,
          stats: [{ type: 'local-candidate', id: 'L1', timestamp: 1764153601000, address: '192.0.2.1', port: 5000 }],
        },
      ],
    };
    const [stats] = parseEnvelopeNdjson(JSON.stringify(leaky), 'x.ndjson').messages;
    expect(stats).toEqual({
      kind: 'stats',
      timestamp: 1764153601000,
      stats: [{ type: 'local-candidate', id: 'L1', timestamp: 1764153601000 }],
    });
  });

  it('falls back to the file name when no envelope was valid', () => {
    expect(parseEnvelopeNdjson('nonsense\n', 'dir/broken.ndjson').id).toBe('broken');
  });
});
