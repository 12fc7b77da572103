import { filter, map, scan, type OperatorFunction } from 'rxjs';
import type { NormalizedInterval } from './normalized-interval';
import {
  DEFAULT_NORMALIZE_OPTIONS,
  INITIAL_NORMALIZER_STATE,
  normalizeReport,
  type NormalizeOptions,
  type NormalizeStep,
} from './normalize-report';
import type { StatsReport } from './rtc-stats';

/** The successive stats reports of ONE participant (use groupBy upstream) → one interval per report. */
export function normalizeStats(
  options: NormalizeOptions = DEFAULT_NORMALIZE_OPTIONS,
): OperatorFunction<StatsReport, NormalizedInterval> {
  return (reports$) =>
    reports$.pipe(
      scan((step: NormalizeStep, report: StatsReport) => normalizeReport(step.state, report, options), {
        state: INITIAL_NORMALIZER_STATE,
        interval: null,
      }),
      map((step) => step.interval),
      filter((interval): interval is NormalizedInterval => interval !== null),
    );
}
