import type { Message, StatsMessage } from '@attune/protocol';
import { eventTimeOf } from '../shared/event-time';
import type { StateEvent } from '../shared/state-events';
import { rejectedByIngest } from '../testing/check-as-ingest';
import { POLL_TIMES, WEBRTC_INTERNALS_SAMPLE, WEBRTC_INTERNALS_SAMPLE_TEXT } from '../testing/webrtc-internals-sample';
import { parseWebrtcInternals } from './parse-webrtc-internals';

function statsOf(messages: readonly Message[], peerConnectionId: string): StatsMessage[] {
  return messages.filter(
    (message): message is StatsMessage => message.kind === 'stats' && message.peerConnectionId === peerConnectionId,
  );
}

function stateEventsOf(messages: readonly Message[]): StateEvent[] {
  return messages.filter(
    (message): message is StateEvent =>
      message.kind === 'client-event' && (message.type === 'ice-state' || message.type === 'connection-state'),
  );
}

/** The 1-based line of the first line containing `text` after the line containing `after`. */
function lineOf(text: string, after: string): number {
  const lines = WEBRTC_INTERNALS_SAMPLE_TEXT.split('\n');
  const start = lines.findIndex((line) => line.includes(after));
  return lines.findIndex((line, index) => index > start && line.includes(text)) + 1;
}

describe(parseWebrtcInternals.name, () => {
  const sut = parseWebrtcInternals(WEBRTC_INTERNALS_SAMPLE_TEXT, 'exports/webrtc_internals_dump.txt');

  it('names the participant after the file, which is all an export says about them', () => {
    expect(sut.id).toBe('webrtc_internals_dump');
    expect(sut.format).toBe('webrtc-internals');
    expect(sut.sourceFile).toBe('exports/webrtc_internals_dump.txt');
  });

  it('rebuilds one report per poll from the per-property series', () => {
    const reports = statsOf(sut.messages, '4242-1');
    expect(reports.map((report) => report.timestamp)).toEqual([...POLL_TIMES]);
    expect(reports[1].stats.find((stats) => stats.id === 'IT01A111')).toEqual({
      id: 'IT01A111',
      type: 'inbound-rtp',
      timestamp: POLL_TIMES[1],
      kind: 'audio',
      mid: '0',
      ssrc: 111,
      packetsReceived: 100,
      packetsLost: 1,
      jitter: 0.004,
    });
  });

  it('places a property that appeared late by its start time', () => {
    const bitrates = statsOf(sut.messages, '4242-1').map(
      (report) => report.stats.find((stats) => stats.id === 'OT01V222')?.targetBitrate,
    );
    expect(bitrates).toEqual([undefined, 300000, 450000]);
  });

  it('keeps an object’s own timestamp where Chrome recorded one', () => {
    const remote = statsOf(sut.messages, '4242-1').map((report) => report.stats.find((stats) => stats.id === 'RIA333'));
    expect(remote.map((stats) => stats?.timestamp)).toEqual([1700000000400, 1700000001700, 1700000002700]);
  });

  it('restores the JSON types the protocol expects (numbers as strings, nested objects as text)', () => {
    const outbound = statsOf(sut.messages, '4242-1')[2].stats.find((stats) => stats.id === 'OT01V222');
    expect(outbound).toMatchObject({
      active: true,
      qualityLimitationDurations: { bandwidth: 0.5, cpu: 0, none: 1.6, other: 0 },
    });
    const pair = statsOf(sut.messages, '4242-2')[0].stats[0];
    expect(pair).toMatchObject({ type: 'candidate-pair', nominated: true, state: 'succeeded' });
  });

  it('skips the rates webrtc-internals computed itself', () => {
    const fields = statsOf(sut.messages, '4242-1').flatMap((report) => report.stats.flatMap(Object.keys));
    expect(fields.filter((field) => field.includes('['))).toEqual([]);
  });

  it('spreads the points of a series without timestamps one poll apart (older Chrome)', () => {
    expect(statsOf(sut.messages, '4242-2').map((report) => report.timestamp)).toEqual([1700000001500, 1700000002500]);
  });

  it('turns updateLog state changes into ice-state and connection-state events', () => {
    const events = stateEventsOf(sut.messages).filter((event) => event.peerConnectionId === '4242-1');
    expect(events.map((event) => [event.type, event.state, event.at])).toEqual([
      ['ice-state', 'checking', 1700000000800],
      ['connection-state', 'connecting', 1700000000900],
      ['ice-state', 'connected', 1700000001100],
      ['connection-state', 'connected', 1700000001150],
      ['connection-state', 'closed', 1700000003500],
    ]);
    const older = stateEventsOf(sut.messages).filter((event) => event.peerConnectionId === '4242-2');
    expect(older.map((event) => event.type)).toEqual(['ice-state', 'connection-state']);
  });

  it('starts with a join and, every connection closed, ends with a leave before the last close', () => {
    const { messages } = sut;
    // The first activity may be an update that yields no message (transceiverAdded), or, depending on
    // this machine's zone, one of 4242-2's locale times.
    expect(messages[0].kind).toBe('join');
    expect(eventTimeOf(messages[0])).toBeLessThanOrEqual(Math.min(...messages.slice(1).map(eventTimeOf)));
    const leaveIndex = messages.findIndex((message) => message.kind === 'leave');
    expect(messages[leaveIndex]).toMatchObject({ kind: 'leave', reason: 'hangup' });
    expect(messages[leaveIndex + 1]).toMatchObject({ kind: 'client-event', type: 'connection-state', state: 'closed' });
  });

  it('reports what it could not read, with the line of the entry', () => {
    expect(sut.problems).toEqual([
      {
        file: 'exports/webrtc_internals_dump.txt',
        line: lineOf('"CPa_b-packetsReceived"', '"4242-2"'),
        reason: 'stats series without readable startTime/endTime',
      },
      {
        file: 'exports/webrtc_internals_dump.txt',
        line: lineOf('"updateLog"', '"4242-2"'),
        reason: 'updateLog entry 1: update without a readable time',
      },
      {
        file: 'exports/webrtc_internals_dump.txt',
        line: 0,
        reason: 'update times are local-time strings without a time zone; read in this machine’s zone',
      },
    ]);
  });

  it('produces messages the protocol accepts, without addresses, device labels or the user agent', () => {
    expect(rejectedByIngest(sut.messages)).toEqual([]);
    const written = JSON.stringify(sut.messages);
    for (const secret of ['203.0.113.9', '"port"', 'Jabra', 'Mozilla', 'turn.example', 'meet.example']) {
      expect(written).not.toContain(secret);
    }
  });

  it('keeps what it can of a broken export and says where it broke', () => {
    const truncated = WEBRTC_INTERNALS_SAMPLE_TEXT.slice(0, 200);
    const broken = parseWebrtcInternals(truncated, 'cut.txt');
    expect(broken.messages).toEqual([]);
    expect(broken.problems).toHaveLength(1);
    expect(broken.problems[0].line).toBe(truncated.split('\n').length);
    expect(broken.problems[0].reason).toMatch(/^malformed JSON/);

    const notAnExport = parseWebrtcInternals(
      JSON.stringify({ getUserMedia: WEBRTC_INTERNALS_SAMPLE.getUserMedia }),
      'x',
    );
    expect(notAnExport.problems.map((problem) => problem.reason)).toEqual([
      'no PeerConnections object: not a webrtc-internals export',
    ]);
  });
});
