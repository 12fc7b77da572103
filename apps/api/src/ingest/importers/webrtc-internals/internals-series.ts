import { parseEnvelopeJson } from '@attune/protocol';
import { isJsonObject } from '../shared/json-values';

/**
 * One time series of a webrtc-internals dump: the values one property of one stats object took,
 * one per stats poll (every second by default). Chrome keeps at most the last 1000 points.
 */
export interface InternalsSeries {
  statsId: string;
  property: string;
  statsType?: string;
  /** Time of the first and last point (epoch ms). */
  startTime: number;
  endTime: number;
  values: unknown[];
}

export type SeriesReading = { series: InternalsSeries } | { skipped: true } | { reason: string };

/**
 * Reads the entry `"<statsId>-<property>": { startTime, endTime, statsType, values: "[…]" }`.
 * Stats ids may contain '-' (legacy `Conn-0-1-0`) and property names never do, so the key splits at
 * its last '-'. Keys with `[…]` are rates webrtc-internals computed itself (`[bytesReceived_in_bits/s]`),
 * not browser stats, and are skipped; so are `type` and `id`, which the entry already carries.
 */
export function readInternalsSeries(key: string, entry: unknown): SeriesReading {
  if (key.includes('[')) return { skipped: true };
  const separator = key.lastIndexOf('-');
  if (separator <= 0 || separator === key.length - 1) return { reason: 'stats key is not "<statsId>-<property>"' };
  const statsId = key.slice(0, separator);
  const property = key.slice(separator + 1);
  if (property === 'type' || property === 'id') return { skipped: true };
  if (!isJsonObject(entry)) return { reason: 'stats series is not an object' };

  const startTime = typeof entry.startTime === 'string' ? Date.parse(entry.startTime) : Number.NaN;
  const endTime = typeof entry.endTime === 'string' ? Date.parse(entry.endTime) : Number.NaN;
  if (!Number.isFinite(startTime) || !Number.isFinite(endTime) || endTime < startTime) {
    return { reason: 'stats series without readable startTime/endTime' };
  }
  const values = typeof entry.values === 'string' ? parseEnvelopeJson(entry.values) : undefined;
  if (!values?.ok || !Array.isArray(values.value)) return { reason: 'stats series values are not a JSON array' };
  if (values.value.length === 0) return { skipped: true };

  const statsType = typeof entry.statsType === 'string' && entry.statsType !== '' ? entry.statsType : undefined;
  return { series: { statsId, property, statsType, startTime, endTime, values: values.value } };
}
