import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest folder above this one whose package.json is named "attune". */
export function repositoryRoot(from: string = __dirname): string {
  for (let folder = from; ; folder = path.dirname(folder)) {
    const manifest = path.join(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'attune') {
      return folder;
    }
    if (path.dirname(folder) === folder) throw new Error(`no package.json named "attune" above ${from}`);
  }
}

/** The shared fixtures live beside the repository: <repo>/../shared/fixtures/rtcstats-dumps. */
export const RTCSTATS_DUMPS = path.join(repositoryRoot(), '..', 'shared', 'fixtures', 'rtcstats-dumps');

/** What jitsi's rtcstats-server feature extractor computed for one peer connection of a dump. */
export interface JitsiPeerConnection {
  meanRttMs: number;
  receivedPacketsLostPct: number;
  totalPacketsReceived: number;
  totalReceivedPacketsLost: number;
  iceReconnects: number;
  connectionFailed: boolean;
}

type Json = Record<string, unknown>;
const isObject = (value: unknown): value is Json =>
  typeof value === 'object' && value !== null && !Array.isArray(value);
const numberOr0 = (value: unknown) => (typeof value === 'number' ? value : 0);

/** results/<file>: per peer connection ("PC_0", …). jitsi's meanRtt is in seconds. */
export function readJitsiResults(resultFile: string): Map<string, JitsiPeerConnection> {
  const parsed: unknown = JSON.parse(readFileSync(path.join(RTCSTATS_DUMPS, 'results', resultFile), 'utf8'));
  const results = new Map<string, JitsiPeerConnection>();
  for (const entry of Array.isArray(parsed) ? parsed : [parsed]) {
    const aggregates = isObject(entry) && isObject(entry.features) ? entry.features.aggregates : undefined;
    if (!isObject(aggregates)) continue;
    for (const [peerConnectionId, aggregate] of Object.entries(aggregates)) {
      if (!isObject(aggregate)) continue;
      const tracks = isObject(aggregate.trackAggregates) ? aggregate.trackAggregates : {};
      const transport = isObject(aggregate.transportAggregates) ? aggregate.transportAggregates : {};
      results.set(peerConnectionId, {
        meanRttMs: numberOr0(transport.meanRtt) * 1000,
        receivedPacketsLostPct: numberOr0(tracks.receivedPacketsLostPct),
        totalPacketsReceived: numberOr0(tracks.totalPacketsReceived),
        totalReceivedPacketsLost: numberOr0(tracks.totalReceivedPacketsLost),
        iceReconnects: numberOr0(aggregate.iceReconnects),
        connectionFailed: aggregate.connectionFailed === true,
      });
    }
  }
  return results;
}
