import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { EXAMPLE_IDS } from './examples';
import { checkEnvelope, KNOWN_STATS_TYPES } from './index';

/**
 * Real getStats() output from Chrome, Firefox and Safari (jitsi/rtcstats-server dumps, MIT),
 * read from the shared fixtures beside the repository (<repo>/../shared/fixtures).
 */
const DUMP_DIRECTORY = [
  process.env.ATTUNE_RTCSTATS_DUMPS,
  join(__dirname, '../../../../shared/fixtures/rtcstats-dumps'),
].find((directory): directory is string => directory !== undefined && existsSync(directory));

interface DumpReport {
  peerConnectionId: string;
  timestamp: number;
  stats: Record<string, unknown>[];
}

type StatsById = Map<string, Record<string, unknown>>;

/**
 * Rebuilds full reports from the dump's delta compression: each getstats line carries only
 * changed properties, and a hoisted report `timestamp` replaces per-object timestamps of 0.
 */
function readReports(file: string): DumpReport[] {
  const latestByPeerConnection = new Map<string, StatsById>();
  const reports: DumpReport[] = [];
  for (const line of readFileSync(file, 'utf8').split('\n')) {
    if (!line.startsWith('["getstats"')) continue;
    const [, peerConnectionId, delta, lineTimestamp] = JSON.parse(line) as [
      string,
      string,
      Record<string, unknown>,
      number,
    ];
    const latest = latestByPeerConnection.get(peerConnectionId) ?? new Map<string, Record<string, unknown>>();
    latestByPeerConnection.set(peerConnectionId, latest);
    const reportTimestamp = typeof delta.timestamp === 'number' ? delta.timestamp : lineTimestamp;
    for (const [id, change] of Object.entries(delta)) {
      if (typeof change === 'object' && change !== null) latest.set(id, { ...latest.get(id), ...change });
    }
    const stats = [...latest].map(([id, object]) => ({
      ...object,
      id,
      timestamp: object.timestamp === 0 ? reportTimestamp : object.timestamp,
    }));
    reports.push({ peerConnectionId, timestamp: reportTimestamp, stats });
  }
  return reports;
}

const dumpFiles = DUMP_DIRECTORY
  ? readdirSync(DUMP_DIRECTORY).filter((name) => !/^(README|LICENSE)|^results$/.test(name))
  : [];

describe(`${checkEnvelope.name} with real browser stats`, () => {
  it('finds the rtcstats dumps', () => {
    if (!DUMP_DIRECTORY) {
      throw new Error(
        'rtcstats dumps not found: copy them (with their LICENSE) to test/fixtures/rtcstats-dumps, ' +
          'or point ATTUNE_RTCSTATS_DUMPS at them',
      );
    }
    expect(dumpFiles.length).toBeGreaterThanOrEqual(8);
  });

  it.each(dumpFiles)('accepts every getstats report of %s', (name) => {
    const reports = readReports(join(DUMP_DIRECTORY ?? '', name));
    const envelope = {
      v: 1,
      sessionId: EXAMPLE_IDS.sessionId,
      participantId: EXAMPLE_IDS.memberId,
      seq: 0,
      sentAt: reports[0].timestamp,
      messages: reports.map(({ peerConnectionId, timestamp, stats }) => ({
        kind: 'stats',
        timestamp,
        peerConnectionId,
        stats,
      })),
    };

    const sut = checkEnvelope(envelope);

    expect(reports.length).toBeGreaterThan(0);
    expect(sut.envelopeIssues).toEqual([]);
    expect(sut.rejected).toEqual([]);
    expect(sut.accepted).toHaveLength(reports.length);
  });

  it('covered the typed stats types across the dumps, so the test above is not vacuous', () => {
    const seen = new Set<unknown>();
    for (const name of dumpFiles) {
      for (const report of readReports(join(DUMP_DIRECTORY ?? '', name)))
        for (const stats of report.stats) seen.add(stats.type);
    }

    expect(KNOWN_STATS_TYPES.filter((type) => !seen.has(type))).toEqual([]);
  });
});
