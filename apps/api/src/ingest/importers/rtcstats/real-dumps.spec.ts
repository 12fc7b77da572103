import { readFileSync } from 'node:fs';
import type { Message, RtcStats, StatsMessage } from '@attune/protocol';
import { importRecording } from '../import-recording';
import type { ImportedParticipant } from '../recording-types';
import { eventTimeOf } from '../shared/event-time';
import type { StateEvent } from '../shared/state-events';
import { rejectedByIngest } from '../testing/check-as-ingest';
import { RTCSTATS_DUMP_NAMES, rtcstatsDumpPath } from '../testing/shared-fixtures';

/*
 * The real dumps of the shared fixtures (Chrome standard and legacy, Firefox, Safari; P2P, SFU,
 * TURN relay), imported through the file API as a user would.
 */
type DumpName = (typeof RTCSTATS_DUMP_NAMES)[number];

const imported = new Map<DumpName, ImportedParticipant>();
beforeAll(async () => {
  for (const name of RTCSTATS_DUMP_NAMES) imported.set(name, await importRecording(rtcstatsDumpPath(name)));
});

function participant(name: DumpName): ImportedParticipant {
  const found = imported.get(name);
  if (!found) throw new Error(`${name} was not imported`);
  return found;
}

function statsOf(messages: readonly Message[]): StatsMessage[] {
  return messages.filter((message): message is StatsMessage => message.kind === 'stats');
}

function stateEventsOf(messages: readonly Message[], type: StateEvent['type']): StateEvent[] {
  return messages.filter((message): message is StateEvent => message.kind === 'client-event' && message.type === type);
}

/** Per peer connection, in file order, how many stats objects each getstats line lists (all keys but `timestamp`). */
function objectsListedByGetstatsLines(name: DumpName): Map<string, number[]> {
  const listed = new Map<string, number[]>();
  for (const line of readFileSync(rtcstatsDumpPath(name), 'utf8').split('\n')) {
    if (!/^\["getstats"/i.test(line)) continue;
    const [, peerConnectionId, delta] = JSON.parse(line) as [string, string, Record<string, unknown>];
    const counts = listed.get(peerConnectionId) ?? [];
    listed.set(peerConnectionId, [...counts, Object.keys(delta).filter((key) => key !== 'timestamp').length]);
  }
  return listed;
}

function objectsPerReport(messages: readonly Message[]): Map<string, number[]> {
  const counts = new Map<string, number[]>();
  for (const report of statsOf(messages)) {
    const id = report.peerConnectionId ?? '';
    counts.set(id, [...(counts.get(id) ?? []), report.stats.length]);
  }
  return counts;
}

const CUMULATIVE_COUNTERS = ['packetsReceived', 'packetsSent', 'bytesReceived', 'bytesSent', 'framesDecoded'];

/** Counters that went down between consecutive reports of one peer connection, for an object present in both. */
function decreasingCounters(messages: readonly Message[]): string[] {
  const previousReport = new Map<string, Map<string, RtcStats>>();
  const found: string[] = [];
  for (const report of statsOf(messages)) {
    const connection = report.peerConnectionId ?? '';
    const before = previousReport.get(connection) ?? new Map<string, RtcStats>();
    for (const stats of report.stats) {
      const previous = before.get(stats.id);
      for (const counter of CUMULATIVE_COUNTERS) {
        // Legacy goog* stats carry their numbers as strings.
        const now = Number(stats[counter]);
        const then = Number(previous?.[counter]);
        if (now < then) found.push(`${connection} ${stats.id}.${counter}: ${then} → ${now}`);
      }
    }
    previousReport.set(connection, new Map(report.stats.map((stats) => [stats.id, stats])));
  }
  return found;
}

describe('rtcstats dumps of the shared fixtures', () => {
  describe.each(RTCSTATS_DUMP_NAMES)('%s', (name) => {
    it('imports without problems', () => {
      expect(participant(name).problems).toEqual([]);
    });

    it('yields one stats report per getstats line', () => {
      const lines = [...objectsListedByGetstatsLines(name).values()].flat();
      expect(statsOf(participant(name).messages)).toHaveLength(lines.length);
    });

    it('holds exactly the objects each getstats line lists (the ones it leaves out are gone)', () => {
      expect(objectsPerReport(participant(name).messages)).toEqual(objectsListedByGetstatsLines(name));
    });

    it('yields messages the protocol validator accepts', () => {
      expect(rejectedByIngest(participant(name).messages)).toEqual([]);
    });

    it('orders messages by event time, starting with the join', () => {
      const { messages } = participant(name);
      const times = messages.map(eventTimeOf);
      expect(times).toEqual([...times].sort((first, second) => first - second));
      expect(messages[0].kind).toBe('join');
    });

    it('fills every stats timestamp the dump zeroed', () => {
      const timestamps = statsOf(participant(name).messages).flatMap((report) => report.stats.map((s) => s.timestamp));
      expect(timestamps.filter((timestamp) => !(timestamp > 1e12))).toEqual([]);
    });

    it('never lets a cumulative counter of one stats object go down', () => {
      expect(decreasingCounters(participant(name).messages)).toEqual([]);
    });

    it('reports the ICE state changes of the peer connections that carried stats', () => {
      const { messages } = participant(name);
      const withStats = new Set(statsOf(messages).map((report) => report.peerConnectionId));
      const withIce = new Set(stateEventsOf(messages, 'ice-state').map((event) => event.peerConnectionId));
      expect([...withStats].filter((id) => withIce.has(id))).not.toEqual([]);
    });

    it('carries no IP address, user agent or name', () => {
      const written = JSON.stringify(participant(name).messages);
      const found = (pattern: RegExp) => pattern.exec(written)?.[0];
      expect(found(/\b\d{1,3}(\.\d{1,3}){3}\b|x\.x\.x\.x|x:x:x:x/)).toBeUndefined();
      expect(found(/"(address|ip|port|ipAddress|portNumber|url|usernameFragment)"/)).toBeUndefined();
      expect(found(/Mozilla|AppleWebKit|Gecko/)).toBeUndefined();
      expect(found(/andrei|Annabel|Kelton|Lesly|Nichole/i)).toBeUndefined();
    });
  });

  it('resolves a delta of a real dump to the values the dump accumulated', () => {
    // chrome-relay, 3rd getstats: the inbound video counters changed, its mid and ssrc were in the 1st only.
    const third = statsOf(participant('chrome-relay').messages)[2];
    expect(third.timestamp).toBe(1697705742116.014);
    expect(third.stats.find((stats) => stats.id === 'IT01V3475661459')).toMatchObject({
      type: 'inbound-rtp',
      kind: 'video',
      ssrc: 3475661459,
      mid: '2',
      codecId: 'CIT01_101',
      packetsReceived: 551,
      packetsLost: 1,
      framesDecoded: 404,
      timestamp: 1697705742116.014,
    });
    expect(third.stats.find((stats) => stats.id === 'RIV2007858786')?.timestamp).toBe(1697705741884);
  });

  it('names participants by endpoint id where jitsi recorded one, else by display name', () => {
    expect(participant('chrome-relay').id).toBe('59e48073');
    expect(participant('59c86272-03ea-42e9-a62d-1c8a272e8ab0').id).toBe('78a1c829');
    expect(participant('firefox-standard-stats-sfu').id).toBe('andrei-mac-firefox');
  });

  it('keeps Firefox’s own per-object timestamps and its spelling of candidate-pair states', () => {
    const reports = statsOf(participant('firefox-standard-stats-sfu').messages);
    const ownTimestamps = reports.flatMap((report) => report.stats.filter((s) => s.timestamp !== report.timestamp));
    expect(ownTimestamps.length).toBeGreaterThan(0);
    const pairStates = new Set(
      reports.flatMap((report) => report.stats.map((s) => s.type === 'candidate-pair' && s.state)),
    );
    expect(pairStates).toContain('inprogress');
  });

  it('keeps Safari’s empty kind on remote-inbound-rtp', () => {
    const kinds = statsOf(participant('safari-standard-stats').messages).flatMap((report) =>
      report.stats.filter((stats) => stats.type === 'remote-inbound-rtp').map((stats) => stats.kind),
    );
    expect(kinds).toContain('');
  });

  it('imports legacy Chrome goog* stats as they are, without their addresses', () => {
    const reports = statsOf(participant('chrome96-standard-stats-p2p-add-transceiver').messages);
    const types = new Set(reports.flatMap((report) => report.stats.map((stats) => stats.type)));
    expect([...types]).toEqual(expect.arrayContaining(['ssrc', 'googCandidatePair', 'localcandidate', 'VideoBwe']));
  });

  it('closes a P2P connection that ended while the SFU connection carried the member, without a leave', () => {
    const { messages } = participant('chrome-standard-multiple-p2p');
    const closed = stateEventsOf(messages, 'connection-state').filter((event) => event.state === 'closed');
    expect(closed.map((event) => event.peerConnectionId)).toEqual(['PC_0', 'PC_4']);
    expect(messages.map((message) => message.kind)).not.toContain('leave');
  });
});
