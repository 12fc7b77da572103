import type { RtcStats } from './rtc-stats';

/*
 * Defensive readers. Real browser data has missing fields, renamed fields across versions, strings
 * where numbers are expected (legacy Chrome), NaN and Infinity; each reader returns undefined rather
 * than letting a bad value poison a sum.
 */

export function readNumber(stats: RtcStats | undefined, field: string): number | undefined {
  const value = stats?.[field];
  return typeof value === 'number' && Number.isFinite(value) ? value : undefined;
}

export function readString(stats: RtcStats | undefined, field: string): string | undefined {
  const value = stats?.[field];
  return typeof value === 'string' ? value : undefined;
}

export function readBoolean(stats: RtcStats | undefined, field: string): boolean | undefined {
  const value = stats?.[field];
  return typeof value === 'boolean' ? value : undefined;
}

/** A record of finite numbers (e.g. `qualityLimitationDurations`); non-numeric entries are dropped. */
export function readNumberRecord(stats: RtcStats | undefined, field: string): Record<string, number> | undefined {
  const value = stats?.[field];
  if (typeof value !== 'object' || value === null || Array.isArray(value)) return undefined;
  const record: Record<string, number> = {};
  for (const [key, entry] of Object.entries(value)) {
    if (typeof entry === 'number' && Number.isFinite(entry)) record[key] = entry;
  }
  return record;
}

/** `kind` is the current field; Chrome before M107 and Safari also (or only) sent `mediaType`. */
export function readMediaKind(stats: RtcStats | undefined): 'audio' | 'video' | undefined {
  const kind = readString(stats, 'kind') ?? readString(stats, 'mediaType');
  return kind === 'audio' || kind === 'video' ? kind : undefined;
}
