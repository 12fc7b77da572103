import {
  asyncScheduler,
  connect,
  defer,
  endWith,
  filter,
  ignoreElements,
  interval,
  map,
  merge,
  takeUntil,
  tap,
  type MonoTypeOperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import type { ConnectivityInput } from './connectivity-input';

export interface EventTimeTickOptions {
  /** How often to tick, in processing time. */
  readonly periodMs?: number;
  /**
   * How far behind the estimate a tick stays, so a report merely delayed in transit is not taken
   * for silence. A "no report for 5 s" timeout fires after 5 s + lag of real silence.
   */
  readonly lagMs?: number;
  readonly scheduler?: SchedulerLike;
}

/**
 * Live mode: merges `tick` inputs into a participant's input stream so timeouts can fire while
 * nothing arrives. A tick carries an estimate of the participant's current EVENT time — the latest
 * event time seen plus the processing time elapsed since it arrived — never the server's clock, so
 * client clock offsets do not matter. The estimate only moves forward. Ticks start with the first
 * input and stop when the input stream completes. Offline analysis needs no ticks.
 */
export function withEventTimeTicks(options: EventTimeTickOptions = {}): MonoTypeOperatorFunction<ConnectivityInput> {
  const { periodMs = 1000, lagMs = 1000, scheduler = asyncScheduler } = options;
  return (inputs$) =>
    defer(() => {
      let anchor: { readonly eventAt: number; readonly arrivedAt: number } | undefined;
      const estimate = (): number | undefined =>
        anchor === undefined ? undefined : anchor.eventAt + (scheduler.now() - anchor.arrivedAt);
      return inputs$.pipe(
        tap((input) => {
          const current = estimate();
          if (current === undefined || input.at >= current) anchor = { eventAt: input.at, arrivedAt: scheduler.now() };
        }),
        // connect() sets up both branches before the source is subscribed, so a synchronous
        // source is neither missed nor subscribed twice.
        connect((shared$) =>
          merge(
            shared$,
            interval(periodMs, scheduler).pipe(
              map(estimate),
              filter((at): at is number => at !== undefined),
              map((at): ConnectivityInput => ({ type: 'tick', at: at - lagMs })),
              takeUntil(shared$.pipe(ignoreElements(), endWith(true))),
            ),
          ),
        ),
      );
    });
}
