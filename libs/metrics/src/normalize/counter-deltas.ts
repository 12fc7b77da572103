import { COUNTERS_THAT_MAY_DECREASE, type Counters } from './stats-views';

/** The last values of one stats object's counters: what the next report is compared with. */
export interface CounterBaseline {
  readonly type: string;
  readonly values: Readonly<Record<string, number>>;
}

/**
 * Why an object has no deltas this interval: seen for the first time, or its counters went
 * backwards (the browser recreated the object under the same id, e.g. after renegotiation).
 */
export type BaselineReason = 'first-seen' | 'counter-reset';

export interface CounterDeltas<Name extends string> {
  /** Only counters present in both reports; never negative. */
  readonly deltas: Counters<Name>;
  readonly baselineReason?: BaselineReason;
  readonly nextBaseline: CounterBaseline;
}

/**
 * Interval deltas of one stats object. A counter going backwards resets the whole object rather
 * than that counter alone, because related counters (lost and received) must come from the same
 * baseline for their ratio to mean anything.
 */
export function counterDeltas<Name extends string>(
  previous: CounterBaseline | undefined,
  type: string,
  current: Counters<Name>,
): CounterDeltas<Name> {
  const values: Record<string, number> = {};
  for (const [name, value] of Object.entries(current)) if (typeof value === 'number') values[name] = value;
  const nextBaseline: CounterBaseline = { type, values };
  const noDeltas: Partial<Record<Name, number>> = {};
  if (!previous) return { deltas: noDeltas, baselineReason: 'first-seen', nextBaseline };
  if (previous.type !== type) return { deltas: noDeltas, baselineReason: 'counter-reset', nextBaseline };

  const deltas: Partial<Record<Name, number>> = {};
  for (const name of Object.keys(current) as Name[]) {
    const now = current[name];
    const before = previous.values[name];
    if (now === undefined || before === undefined) continue;
    if (now >= before) deltas[name] = now - before;
    else if (COUNTERS_THAT_MAY_DECREASE.has(name)) deltas[name] = 0;
    else return { deltas: noDeltas, baselineReason: 'counter-reset', nextBaseline };
  }
  return { deltas, nextBaseline };
}
