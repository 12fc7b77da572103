import type { Message, StatsMessage } from '@attune/protocol';
import { rejectedByIngest } from '../testing/check-as-ingest';
import { parseRtcstatsDump } from './parse-rtcstats-dump';

/** A dump as the rtcstats client writes it (format 3): one JSON array per line. */
function dump(...entries: unknown[][]): string {
  return entries.map((entry) => JSON.stringify(entry)).join('\n') + '\n';
}

const CONNECTION_INFO = [
  'connectionInfo',
  null,
  {
    userAgent: 'Mozilla/5.0 (Macintosh) Chrome/117.0.0.0',
    statsFormat: 'chrome_standard',
    clientProtocol: '3.1_STANDARD',
  },
  1500000000000, // written by the server; says nothing about the member
];
const IDENTITY = [
  'identity',
  null,
  { displayName: 'Annabel-7gE', endpointId: '59e48073', confName: 'room' },
  1697705722042,
];
const CREATE = ['create', 'PC_0', { iceServers: [{ urls: 'turns:turn.example:443?transport=tcp' }] }, 1697705722108];
const CHECKING = ['oniceconnectionstatechange', 'PC_0', 'checking', 1697705722179];
const CONNECTED = ['oniceconnectionstatechange', 'PC_0', 'connected', 1697705722383];
const PC_CONNECTED = ['onconnectionstatechange', 'PC_0', 'connected', 1697705722479];
const FIRST_STATS = [
  'getstats',
  'PC_0',
  {
    T01: { timestamp: 0, type: 'transport', bytesReceived: 1359, iceState: 'connected' },
    I57EUZZch: {
      timestamp: 0,
      type: 'local-candidate',
      address: '192.0.2.7',
      ip: '192.0.2.7',
      port: 54009,
      candidateType: 'host',
      protocol: 'udp',
      usernameFragment: 'fyqG',
      url: 'turns:turn.example:443',
    },
    timestamp: 1697705722479.643,
  },
  1697705722481,
];
const SECOND_STATS = [
  'getstats',
  'PC_0',
  { T01: { timestamp: 0, bytesReceived: 335705 }, I57EUZZch: { timestamp: 0 }, timestamp: 1697705732113.258 },
  1697705732114,
];
const CLOSE = ['close', 'PC_0', {}, 1697705844030];

function statsOf(messages: Message[]): StatsMessage[] {
  return messages.filter((message): message is StatsMessage => message.kind === 'stats');
}

describe(parseRtcstatsDump.name, () => {
  it('produces full stats reports, state events, and a join at the first recorded activity', () => {
    const sut = parseRtcstatsDump(
      dump(CONNECTION_INFO, IDENTITY, CREATE, CHECKING, CONNECTED, PC_CONNECTED, FIRST_STATS, SECOND_STATS),
      'dumps/relay.rtcstats',
    );

    expect(sut.problems).toEqual([]);
    expect(sut.format).toBe('rtcstats');
    expect(sut.sourceFile).toBe('dumps/relay.rtcstats');
    expect(sut.messages.map((message) => message.kind)).toEqual([
      'join',
      'client-event',
      'client-event',
      'client-event',
      'stats',
      'stats',
    ]);
    expect(sut.messages[0]).toEqual({ kind: 'join', at: 1697705722042 });
    expect(sut.messages[1]).toEqual({
      kind: 'client-event',
      type: 'ice-state',
      state: 'checking',
      at: 1697705722179,
      peerConnectionId: 'PC_0',
    });
    const second = statsOf(sut.messages)[1];
    expect(second.timestamp).toBe(1697705732113.258);
    expect(second.peerConnectionId).toBe('PC_0');
    expect(second.stats.find((stats) => stats.id === 'T01')).toEqual({
      id: 'T01',
      type: 'transport',
      timestamp: 1697705732113.258,
      bytesReceived: 335705,
      iceState: 'connected',
    });
    expect(rejectedByIngest(sut.messages)).toEqual([]);
  });

  it('names the participant by endpoint id, then display name, then file name', () => {
    const byDisplayName = ['identity', null, { displayName: 'andrei-mac-firefox' }, 1605199358212];
    expect(parseRtcstatsDump(dump(IDENTITY, FIRST_STATS), 'a.txt').id).toBe('59e48073');
    expect(parseRtcstatsDump(dump(byDisplayName, FIRST_STATS), 'a.txt').id).toBe('andrei-mac-firefox');
    expect(parseRtcstatsDump(dump(FIRST_STATS), 'dumps/firefox-sfu.rtcstats').id).toBe('firefox-sfu');
  });

  it('never copies the user agent, identity details or network identity into messages', () => {
    const sut = parseRtcstatsDump(dump(CONNECTION_INFO, IDENTITY, CREATE, FIRST_STATS), 'a');
    const candidate = statsOf(sut.messages)[0].stats.find((stats) => stats.type === 'local-candidate');

    expect(candidate).toEqual({
      id: 'I57EUZZch',
      type: 'local-candidate',
      timestamp: 1697705722479.643,
      candidateType: 'host',
      protocol: 'udp',
    });
    const written = JSON.stringify(sut.messages);
    for (const secret of ['Mozilla', 'Annabel', 'room', '192.0.2.7', 'turn.example']) {
      expect(written).not.toContain(secret);
    }
  });

  it('reports a bad line with its 1-based number and a reason, and imports the rest', () => {
    const text = [
      JSON.stringify(IDENTITY),
      '["getstats","PC_0",{"T01":{"timestamp":0,"type":"transport"',
      JSON.stringify(FIRST_STATS),
      '{"not":"an entry"}',
      JSON.stringify(['oniceconnectionstatechange', 'PC_0', 'sideways', 1697705722400]),
      JSON.stringify(['getstats', 'PC_0', 'not a report', 1697705722500]),
      JSON.stringify(SECOND_STATS),
    ].join('\n');

    const sut = parseRtcstatsDump(text, 'dumps/broken.rtcstats');

    expect(sut.problems.map(({ file, line }) => [file, line])).toEqual([
      ['dumps/broken.rtcstats', 2],
      ['dumps/broken.rtcstats', 4],
      ['dumps/broken.rtcstats', 5],
      ['dumps/broken.rtcstats', 6],
    ]);
    expect(sut.problems[0].reason).toMatch(/^malformed JSON at position \d+/);
    expect(sut.problems[1].reason).toBe('not a dump entry: expected [method, peerConnectionId, value, timestamp]');
    expect(sut.problems[2].reason).toMatch(/^unrecognised ice-state value/);
    expect(sut.problems[3].reason).toBe('getstats value is not a stats report object');
    expect(statsOf(sut.messages)).toHaveLength(2);
  });

  it('drops a stats object the protocol rejects, keeping the rest of its report', () => {
    const badInbound = [
      'getstats',
      'PC_0',
      {
        T01: { timestamp: 0, type: 'transport', bytesReceived: 10 },
        IT01A1: { timestamp: 0, type: 'inbound-rtp', kind: 'audio', packetsLost: '3' },
        timestamp: 1697705722479,
      },
      1697705722481,
    ];
    const sut = parseRtcstatsDump(dump(badInbound), 'a');

    expect(statsOf(sut.messages)[0].stats.map((stats) => stats.id)).toEqual(['T01']);
    expect(sut.problems.map((problem) => problem.reason)).toEqual([
      'dropped 1 of 2 stats objects the protocol rejects: /stats/1/packetsLost: expected finite number, got string',
    ]);
  });

  describe('hang-up or drop', () => {
    it('ends with a leave (hangup) just before the close of the last live connection', () => {
      const sut = parseRtcstatsDump(dump(CREATE, CONNECTED, FIRST_STATS, CLOSE), 'a');
      expect(sut.messages.slice(-2)).toEqual([
        { kind: 'leave', at: 1697705844030, reason: 'hangup' },
        {
          kind: 'client-event',
          type: 'connection-state',
          state: 'closed',
          at: 1697705844030,
          peerConnectionId: 'PC_0',
        },
      ]);
    });

    it('adds no leave while another connection still carries the member', () => {
      const sfu = [
        'getstats',
        'PC_1',
        { T02: { timestamp: 0, type: 'transport' }, timestamp: 1697705850000 },
        1697705850001,
      ];
      const sut = parseRtcstatsDump(dump(CREATE, FIRST_STATS, sfu, CLOSE), 'a');
      expect(sut.messages.map((message) => message.kind)).not.toContain('leave');
      expect(sut.messages).toContainEqual({
        kind: 'client-event',
        type: 'connection-state',
        state: 'closed',
        at: 1697705844030,
        peerConnectionId: 'PC_0',
      });
    });

    it('does not count a failed connection as carrying the member', () => {
      const failed = ['onconnectionstatechange', 'PC_1', 'failed', 1697705800000];
      const lateStats = [
        'getstats',
        'PC_1',
        { T02: { timestamp: 0, type: 'transport' }, timestamp: 1697705801000 },
        1697705801001,
      ];
      const sut = parseRtcstatsDump(dump(CREATE, FIRST_STATS, failed, lateStats, CLOSE), 'a');
      expect(sut.messages.map((message) => message.kind)).toContain('leave');
    });

    it('adds no leave when the recording just stops (a tab closed or a crash looks like a drop)', () => {
      const sut = parseRtcstatsDump(dump(CREATE, CONNECTED, FIRST_STATS, SECOND_STATS), 'a');
      expect(sut.messages.map((message) => message.kind)).not.toContain('leave');
    });
  });
});
