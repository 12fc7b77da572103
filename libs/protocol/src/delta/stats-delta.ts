import type { ValidationIssue } from '../transport';

/**
 * Delta-compressed stats, the form the collector sends after its first report.
 *
 * Most of a getStats() report repeats the previous one (ids, types, SSRCs, codec names), so the
 * collector sends only what changed since a *baseline*: a stats message of the same peer
 * connection that the server has acknowledged as stored. Because the baseline is always an
 * acknowledged report, a lost or rejected message never corrupts the ones after it — the next
 * delta is computed against something the server is known to hold.
 *
 * Rules, applied to the baseline's objects to get the full report:
 * - an object listed in `stats` is merged field by field over the baseline object of the same
 *   `id` (or is new, and then must be complete); a field set to `null` is removed;
 * - an object's `timestamp` may be left out when it equals the message's `timestamp`;
 * - an object not listed is unchanged, except that its timestamp becomes the message's;
 * - ids in `removed` are dropped.
 * The server resolves a delta into the full report before validating and storing it, so
 * everything downstream sees full reports only.
 *
 * No schema library here: the browser collector bundles this file.
 */

/** A stats object as it travels: an id, a type, and any other fields. */
export type StatsObject = { id: string; type?: string; timestamp?: number } & Record<string, unknown>;

export interface EncodedStatsDelta {
  stats: Record<string, unknown>[];
  removed?: string[];
}

/** The changes that turn `baseline` into `current` (both lists of stats objects with unique ids). */
export function encodeStatsDelta(
  baseline: readonly StatsObject[],
  current: readonly StatsObject[],
  timestamp: number,
): EncodedStatsDelta {
  const before = new Map(baseline.map((object) => [object.id, object]));
  const stats: Record<string, unknown>[] = [];
  for (const object of current) {
    const previous = before.get(object.id);
    before.delete(object.id);
    const changes = previous ? changedFields(previous, object, timestamp) : withoutDefaultTimestamp(object, timestamp);
    if (changes) stats.push(changes);
  }
  return before.size > 0 ? { stats, removed: [...before.keys()] } : { stats };
}

export type ResolvedStatsDelta = { ok: true; stats: StatsObject[] } | { ok: false; issues: ValidationIssue[] };

/**
 * The full report a delta describes. Objects named in the delta come first, in the delta's
 * order, so a later validation issue at `stats/i` (i < delta length) points at the object the
 * client sent; unchanged objects follow.
 */
export function resolveStatsDelta(
  baseline: readonly StatsObject[],
  delta: { timestamp: number; stats: readonly Record<string, unknown>[]; removed?: readonly string[] },
  path: string,
): ResolvedStatsDelta {
  const remaining = new Map(baseline.map((object) => [object.id, object]));
  for (const id of delta.removed ?? []) remaining.delete(id);
  const resolved: StatsObject[] = [];
  const issues: ValidationIssue[] = [];
  const seen = new Set<string>();
  delta.stats.forEach((change, index) => {
    const id = change.id as string;
    if (seen.has(id)) {
      issues.push({ path: `${path}/stats/${index}/id`, reason: `stats object "${id}" appears twice in the delta` });
      return;
    }
    seen.add(id);
    const previous = remaining.get(id);
    remaining.delete(id);
    const merged: StatsObject = { ...(previous ?? { id }), timestamp: delta.timestamp };
    for (const [field, value] of Object.entries(change)) {
      if (value === null) delete merged[field];
      else merged[field] = value;
    }
    if (previous === undefined && typeof merged.type !== 'string') {
      issues.push({
        path: `${path}/stats/${index}`,
        reason: `stats object "${id}" is not in the baseline, so it must be sent whole (it has no type)`,
      });
      return;
    }
    resolved.push(merged);
  });
  if (issues.length > 0) return { ok: false, issues };
  for (const object of remaining.values()) resolved.push({ ...object, timestamp: delta.timestamp });
  return { ok: true, stats: resolved };
}

function changedFields(previous: StatsObject, current: StatsObject, timestamp: number): Record<string, unknown> | null {
  const changes: Record<string, unknown> = {};
  let changed = false;
  for (const [field, value] of Object.entries(current)) {
    if (field === 'id') continue;
    if (field === 'timestamp') {
      if (value !== timestamp) {
        changes.timestamp = value;
        changed = true;
      }
      continue;
    }
    if (!sameValue(previous[field], value)) {
      changes[field] = value;
      changed = true;
    }
  }
  for (const field of Object.keys(previous)) {
    if (field !== 'timestamp' && !(field in current)) {
      changes[field] = null;
      changed = true;
    }
  }
  return changed ? { id: current.id, ...changes } : null;
}

function withoutDefaultTimestamp(object: StatsObject, timestamp: number): Record<string, unknown> {
  if (object.timestamp !== timestamp) return { ...object };
  const copy: Record<string, unknown> = { ...object };
  delete copy.timestamp;
  return copy;
}

/** Stats values are numbers and strings, now and then a small object or array. */
function sameValue(a: unknown, b: unknown): boolean {
  if (a === b) return true;
  if (typeof a !== 'object' || typeof b !== 'object' || a === null || b === null) return false;
  return JSON.stringify(a) === JSON.stringify(b);
}
