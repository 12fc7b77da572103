import { isJsonObject, type JsonObject } from '../shared/json-values';

/** The key under which the rtcstats client hoists a report's timestamp, beside the stats ids. */
const REPORT_TIMESTAMP_KEY = 'timestamp';

export interface ResolvedReport {
  /** Full stats objects (`id` restored from the key), in the order the delta lists them. */
  objects: JsonObject[];
  /** Keys whose value was not an object, so could not be a stats object. */
  malformedIds: string[];
}

/**
 * Rebuilds full getStats() reports of one peer connection from rtcstats' delta compression
 * (rtcstats client `deltaCompression`, decompressed as jitsi/rtcstats-server does):
 * - a property unchanged since the previous report of the same connection is left out;
 * - every object still in the report is listed, at least as `{timestamp: …}`, so an object the delta
 *   does not list has disappeared (e.g. a removed ssrc) and a later object with that id starts afresh;
 * - the report's newest object timestamp is hoisted to `delta.timestamp`, and objects carrying it
 *   say `timestamp: 0`; an object with no `timestamp` kept the one it had (e.g. remote-inbound-rtp,
 *   which only changes when an RTCP report arrives);
 * - `id` is dropped from every object, since it is the key.
 * Nested values (qualityLimitationDurations) are compared by identity, so they arrive whole.
 */
export class StatsDeltaResolver {
  private current = new Map<string, JsonObject>();

  resolve(delta: JsonObject, reportTimestamp: number): ResolvedReport {
    const next = new Map<string, JsonObject>();
    const malformedIds: string[] = [];
    for (const [id, change] of Object.entries(delta)) {
      if (id === REPORT_TIMESTAMP_KEY) continue;
      if (!isJsonObject(change)) {
        malformedIds.push(id);
        continue;
      }
      const previous = this.current.get(id);
      next.set(id, { ...previous, ...change, id, timestamp: objectTimestamp(change, previous, reportTimestamp) });
    }
    this.current = next;
    return { objects: [...next.values()], malformedIds };
  }
}

function objectTimestamp(change: JsonObject, previous: JsonObject | undefined, reportTimestamp: number): number {
  const recorded = change.timestamp;
  if (typeof recorded === 'number' && recorded !== 0) return recorded;
  if (recorded === undefined && typeof previous?.timestamp === 'number') return previous.timestamp;
  return reportTimestamp;
}
