import type { JsonObject } from '../shared/json-values';
import type { InternalsSeries } from './internals-series';
import { withProtocolFieldTypes } from './protocol-field-types';

export interface RebuiltReport {
  /** The poll's time (epoch ms): the latest sample time among its objects. */
  timestamp: number;
  objects: JsonObject[];
}

interface StatsObjectSeries {
  statsId: string;
  statsType?: string;
  properties: InternalsSeries[];
  /** `<id>-timestamp`, recorded since Chrome 117: the object's own timestamp at each poll. */
  timestamps?: InternalsSeries;
}

interface Sample {
  collectedAt: number;
  statsId: string;
  object: JsonObject;
}

/** webrtc-internals polls every second unless told otherwise; half a poll separates two polls. */
const DEFAULT_POLL_INTERVAL_MS = 1000;

/**
 * Turns per-property time series back into getStats() reports. The properties of one stats object
 * were sampled at the same polls, so index k of each series is the same poll once the series are
 * aligned: a property that appeared late (targetBitrate once encoding starts) has fewer points and
 * a later startTime, which places it. Poll times are spread evenly between the startTime and
 * endTime of the object's longest series; objects' samples closer than half a poll form one report.
 */
export function rebuildReports(series: readonly InternalsSeries[]): { reports: RebuiltReport[]; untypedIds: string[] } {
  const objects = groupByStatsObject(series);
  const untypedIds = objects.filter((object) => object.statsType === undefined).map((object) => object.statsId);
  const typed = objects.filter((object) => object.statsType !== undefined);
  const samples = typed.flatMap(samplesOf).sort((first, second) => first.collectedAt - second.collectedAt);
  return { reports: groupIntoPolls(samples, pollInterval(typed)), untypedIds };
}

function groupByStatsObject(series: readonly InternalsSeries[]): StatsObjectSeries[] {
  const byId = new Map<string, StatsObjectSeries>();
  for (const one of series) {
    const object = byId.get(one.statsId) ?? { statsId: one.statsId, properties: [] };
    byId.set(one.statsId, object);
    object.statsType ??= one.statsType;
    if (one.property === 'timestamp') object.timestamps = one;
    else object.properties.push(one);
  }
  return [...byId.values()];
}

function samplesOf(object: StatsObjectSeries): Sample[] {
  const all = object.timestamps ? [object.timestamps, ...object.properties] : object.properties;
  const reference = all.reduce((longest, one) => (one.values.length > longest.values.length ? one : longest));
  const count = reference.values.length;
  const step = stepOf(reference);
  const offsetOf = (one: InternalsSeries): number => {
    const room = count - one.values.length;
    if (step === 0) return room; // a single poll: series end together
    return Math.min(room, Math.max(0, Math.round((one.startTime - reference.startTime) / step)));
  };
  const aligned = all.map((one) => ({ one, offset: offsetOf(one) }));

  const samples: Sample[] = [];
  for (let poll = 0; poll < count; poll++) {
    const collectedAt = reference.startTime + poll * step;
    const fields: JsonObject = {};
    let ownTimestamp: unknown;
    for (const { one, offset } of aligned) {
      const value = one.values[poll - offset];
      if (value === undefined || value === null) continue;
      if (one === object.timestamps) ownTimestamp = value;
      else fields[one.property] = value;
    }
    const statsType = object.statsType ?? '';
    const timestamp = typeof ownTimestamp === 'number' && ownTimestamp > 0 ? ownTimestamp : collectedAt;
    const stats = { id: object.statsId, type: statsType, timestamp, ...withProtocolFieldTypes(statsType, fields) };
    samples.push({ collectedAt, statsId: object.statsId, object: stats });
  }
  return samples;
}

function stepOf(series: InternalsSeries): number {
  return series.values.length > 1 ? (series.endTime - series.startTime) / (series.values.length - 1) : 0;
}

function pollInterval(objects: readonly StatsObjectSeries[]): number {
  const steps = objects
    .flatMap((object) => object.properties.map(stepOf))
    .filter((step) => step > 0)
    .sort((first, second) => first - second);
  return steps.length > 0 ? steps[Math.floor(steps.length / 2)] : DEFAULT_POLL_INTERVAL_MS;
}

function groupIntoPolls(samples: readonly Sample[], interval: number): RebuiltReport[] {
  const tolerance = interval / 2;
  const reports: RebuiltReport[] = [];
  let pollStart = -Infinity;
  let current: Map<string, JsonObject> | undefined;
  let latest = 0;
  const close = () => {
    if (current) reports.push({ timestamp: latest, objects: [...current.values()] });
  };
  for (const sample of samples) {
    // An object can be in a poll only once; a second sample of it starts the next poll.
    if (!current || sample.collectedAt - pollStart >= tolerance || current.has(sample.statsId)) {
      close();
      current = new Map();
      pollStart = sample.collectedAt;
    }
    current.set(sample.statsId, sample.object);
    latest = sample.collectedAt;
  }
  close();
  return reports;
}
