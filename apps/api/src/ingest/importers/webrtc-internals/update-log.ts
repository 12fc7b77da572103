import { isEpochMs, isJsonObject } from '../shared/json-values';

export type UpdateKind = 'ice-state' | 'connection-state' | 'close' | 'other';

export interface InternalsUpdate {
  at: number;
  kind: UpdateKind;
  value: unknown;
  /** The time was a local-time string without a zone (dumps before ~Chrome 120), read in this machine's zone. */
  timeIsLocal: boolean;
}

/**
 * One `updateLog` entry: `{ type, value, timestamp }` (epoch ms, recent Chrome) or
 * `{ time, type, value }` with `time` from `Date.toLocaleString()` (older Chrome). The API-call and
 * event names are those of PeerConnectionTracker: `iceconnectionstatechange`, `connectionstatechange`,
 * `close` (older builds: `stop`), `createOffer`, `icecandidate`, …
 */
export function readUpdate(entry: unknown): { update: InternalsUpdate } | { reason: string } {
  if (!isJsonObject(entry) || typeof entry.type !== 'string') return { reason: 'update is not { type, value, time }' };
  const localTime = typeof entry.time === 'string' ? Date.parse(entry.time) : Number.NaN;
  const at = isEpochMs(entry.timestamp) ? entry.timestamp : localTime;
  if (!isEpochMs(at)) return { reason: 'update without a readable time' };
  return { update: { at, kind: kindOf(entry.type), value: entry.value, timeIsLocal: at === localTime } };
}

function kindOf(type: string): UpdateKind {
  const name = type.toLowerCase().replace(/^on/, '');
  if (name === 'iceconnectionstatechange') return 'ice-state';
  if (name === 'connectionstatechange') return 'connection-state';
  if (name === 'close' || name === 'stop') return 'close';
  return 'other';
}
