import { readFileSync } from 'node:fs';
import * as path from 'node:path';
import type { RtcStats, StatsReport } from '../rtc-stats';

/*
 * A minimal reader of rtcstats dumps (format 3), for tests only: the importer proper belongs to
 * apps/api. One JSON array per line: [method, peerConnectionId | null, data, timestampMs].
 * `getstats` data is delta-compressed per peer connection — a property unchanged since the previous
 * report is left out, an object with no change is left out entirely, and the report's timestamp is
 * hoisted (`timestamp: 0` inside means "the report's") — so full reports are rebuilt by merging.
 */

/** The shared fixtures live next to the repository: <repo>/../shared/fixtures. */
export const RTCSTATS_DUMPS_DIR = path.resolve(__dirname, '../../../../..', '../shared/fixtures/rtcstats-dumps');

export interface DumpStateEvent {
  readonly kind: 'ice' | 'connection';
  readonly peerConnectionId: string;
  readonly state: string;
  readonly at: number;
}

export interface RtcstatsDump {
  readonly userAgent?: string;
  readonly statsFormat?: string;
  /** Full (un-delta-compressed) reports, in file order, all peer connections interleaved. */
  readonly reports: readonly StatsReport[];
  /** ICE / connection state changes; `pc.close()` appears as connection state `closed`. */
  readonly stateEvents: readonly DumpStateEvent[];
}

type Fields = Record<string, unknown>;

export function readRtcstatsDump(name: string): RtcstatsDump {
  return parseRtcstatsDump(readFileSync(path.join(RTCSTATS_DUMPS_DIR, name), 'utf8'));
}

export function parseRtcstatsDump(text: string): RtcstatsDump {
  const merged = new Map<string, Map<string, Fields>>();
  const reports: StatsReport[] = [];
  const stateEvents: DumpStateEvent[] = [];
  let userAgent: string | undefined;
  let statsFormat: string | undefined;

  for (const line of text.split('\n')) {
    const record = parseLine(line);
    if (!record) continue;
    const [method, peerConnectionId, data, lineTimestamp] = record;
    if (method === 'connectionInfo' && isObject(data)) {
      userAgent = typeof data.userAgent === 'string' ? data.userAgent : undefined;
      statsFormat = typeof data.statsFormat === 'string' ? data.statsFormat : undefined;
    } else if ((method === 'getstats' || method === 'getStats') && peerConnectionId && isObject(data)) {
      const objects = merged.get(peerConnectionId) ?? new Map<string, Fields>();
      merged.set(peerConnectionId, objects);
      reports.push(mergeDelta(objects, data, lineTimestamp, peerConnectionId));
    } else if (method === 'oniceconnectionstatechange' && peerConnectionId && typeof data === 'string') {
      stateEvents.push({ kind: 'ice', peerConnectionId, state: data, at: lineTimestamp });
    } else if (method === 'onconnectionstatechange' && peerConnectionId && typeof data === 'string') {
      stateEvents.push({ kind: 'connection', peerConnectionId, state: data, at: lineTimestamp });
    } else if (method === 'close' && peerConnectionId) {
      stateEvents.push({ kind: 'connection', peerConnectionId, state: 'closed', at: lineTimestamp });
    }
  }
  return { userAgent, statsFormat, reports, stateEvents };
}

function mergeDelta(
  objects: Map<string, Fields>,
  delta: Fields,
  lineTimestamp: number,
  peerConnectionId: string,
): StatsReport {
  const reportTimestamp = typeof delta.timestamp === 'number' && delta.timestamp > 0 ? delta.timestamp : lineTimestamp;
  for (const [id, changes] of Object.entries(delta)) {
    if (id === 'timestamp' || !isObject(changes)) continue;
    const fields: Fields = { ...(objects.get(id) ?? {}), ...changes };
    if (changes.timestamp === 0) fields.timestamp = reportTimestamp;
    objects.set(id, fields);
  }
  const stats: RtcStats[] = [];
  for (const [id, fields] of objects) {
    if (typeof fields.type !== 'string') continue;
    const timestamp = typeof fields.timestamp === 'number' && fields.timestamp > 0 ? fields.timestamp : reportTimestamp;
    stats.push({ ...fields, id, type: fields.type, timestamp });
  }
  return { timestamp: reportTimestamp, peerConnectionId, stats };
}

function parseLine(line: string): [string, string | null, unknown, number] | undefined {
  if (!line.trim()) return undefined;
  try {
    const value: unknown = JSON.parse(line);
    if (!Array.isArray(value) || typeof value[0] !== 'string') return undefined;
    const peerConnectionId = typeof value[1] === 'string' ? value[1] : null;
    return [value[0], peerConnectionId, value[2], typeof value[3] === 'number' ? value[3] : Number.NaN];
  } catch {
    return undefined; // a truncated last line is common in dumps of crashed tabs
  }
}

function isObject(value: unknown): value is Fields {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}

/** What jitsi's feature extractor found for one peer connection (results/*.json → aggregates). */
export interface JitsiPeerConnectionResult {
  readonly meanRttSeconds: number;
  readonly receivedPacketsLostPct: number;
  readonly sentPacketsLostPct: number;
  readonly totalPacketsReceived: number;
  readonly totalReceivedPacketsLost: number;
  readonly totalPacketsSent: number;
  readonly totalSentPacketsLost: number;
  readonly iceReconnects: number;
  readonly connectionFailed: boolean;
}

export function readJitsiResults(fileName: string): ReadonlyMap<string, JitsiPeerConnectionResult> {
  const parsed: unknown = JSON.parse(readFileSync(path.join(RTCSTATS_DUMPS_DIR, 'results', fileName), 'utf8'));
  const entries = Array.isArray(parsed) ? parsed : [parsed];
  const results = new Map<string, JitsiPeerConnectionResult>();
  for (const entry of entries) {
    const aggregates =
      isObject(entry) && isObject(entry.features) && isObject(entry.features.aggregates)
        ? entry.features.aggregates
        : {};
    for (const [peerConnectionId, aggregate] of Object.entries(aggregates)) {
      if (!isObject(aggregate)) continue;
      const track = isObject(aggregate.trackAggregates) ? aggregate.trackAggregates : {};
      const transport = isObject(aggregate.transportAggregates) ? aggregate.transportAggregates : {};
      const num = (value: unknown) => (typeof value === 'number' ? value : 0);
      results.set(peerConnectionId, {
        meanRttSeconds: num(transport.meanRtt),
        receivedPacketsLostPct: num(track.receivedPacketsLostPct),
        sentPacketsLostPct: num(track.sentPacketsLostPct),
        totalPacketsReceived: num(track.totalPacketsReceived),
        totalReceivedPacketsLost: num(track.totalReceivedPacketsLost),
        totalPacketsSent: num(track.totalPacketsSent),
        totalSentPacketsLost: num(track.totalSentPacketsLost),
        iceReconnects: num(aggregate.iceReconnects),
        connectionFailed: aggregate.connectionFailed === true,
      });
    }
  }
  return results;
}
