import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';

/**
 * Real getStats() output from Chrome, Firefox and Safari (jitsi/rtcstats-server dumps, MIT),
 * read from the shared fixtures beside the repository (<repo>/../shared/fixtures).
 */
export const DUMP_DIRECTORY = [
  process.env.ATTUNE_RTCSTATS_DUMPS,
  join(__dirname, '../../../../../shared/fixtures/rtcstats-dumps'),
].find((directory): directory is string => directory !== undefined && existsSync(directory));

export interface DumpReport {
  peerConnectionId: string;
  timestamp: number;
  stats: Record<string, unknown>[];
}

type StatsById = Map<string, Record<string, unknown>>;

/**
 * Rebuilds full reports from the dump's delta compression: each getstats line carries only
 * changed properties, and a hoisted report `timestamp` replaces per-object timestamps of 0.
 */
export function readReports(file: string): DumpReport[] {
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

export const dumpFiles = DUMP_DIRECTORY
  ? readdirSync(DUMP_DIRECTORY).filter((name) => !/^(README|LICENSE)|^results$/.test(name))
  : [];
