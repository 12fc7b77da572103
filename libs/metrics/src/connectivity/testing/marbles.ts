import { asyncScheduler, map, mergeMap, Observable, type OperatorFunction, type SchedulerAction } from 'rxjs';
import type { ConnectionSnapshot } from '../connection-states.operator';

/*
 * Marble-test helpers. Virtual time is event time: an input with `at: 15_000` is emitted at
 * virtual 15 000 ms, so a 90-minute session is 5.4 M virtual ms that run in milliseconds.
 */

/** Emits each item at the virtual time of its `at` (call inside TestScheduler.run). */
export function atEventTime<T extends { readonly at: number }>(items: readonly T[]): Observable<T> {
  return arriving(items.map((item) => [item.at, item] as const));
}

/**
 * Emits each item at the given virtual arrival time, whatever its own event time (delays,
 * reordering); items arriving together keep their order. One scheduled action walks the list, so
 * thousands of items cost no more than their count.
 */
export function arriving<T>(items: ReadonlyArray<readonly [number, T]>): Observable<T> {
  const byArrival = [...items].sort(([a], [b]) => a - b);
  return new Observable<T>((subscriber) => {
    if (byArrival.length === 0) {
      subscriber.complete();
      return undefined;
    }
    let index = 0;
    // asyncScheduler is virtual inside TestScheduler.run.
    return asyncScheduler.schedule(function (this: SchedulerAction<undefined>) {
      const now = byArrival[index][0];
      while (index < byArrival.length && byArrival[index][0] === now) subscriber.next(byArrival[index++][1]);
      if (index < byArrival.length) this.schedule(undefined, byArrival[index][0] - now);
      else subscriber.complete();
    }, byArrival[0][0]);
  });
}

/**
 * A marble string from [virtual ms, value key] pairs, so expectations read as times instead of
 * hand-counted frames. Values at the same time form a group; `completeAt` adds `|`.
 */
export function marbles(events: ReadonlyArray<readonly [number, string]>, completeAt?: number): string {
  const byTime = new Map<number, string>();
  for (const [time, key] of events) byTime.set(time, (byTime.get(time) ?? '') + key);
  if (completeAt !== undefined) byTime.set(completeAt, (byTime.get(completeAt) ?? '') + '|');
  const tokens: string[] = [];
  let cursor = 0;
  for (const time of [...byTime.keys()].sort((a, b) => a - b)) {
    if (time < cursor) throw new Error(`events at ${time} ms overlap the group before (ends at ${cursor} ms)`);
    if (time > cursor) tokens.push(`${time - cursor}ms`);
    const keys = byTime.get(time) ?? '';
    const token = keys.length === 1 ? keys : `(${keys})`;
    tokens.push(token);
    cursor = time + token.length;
  }
  return tokens.join(' ');
}

/** Snapshots → one readable string per transition, e.g. `connected>degraded@10s:poor-quality`. */
export function transitionsOf(): OperatorFunction<ConnectionSnapshot, string> {
  return (snapshots$) =>
    snapshots$.pipe(
      mergeMap((snapshot) => snapshot.transitions),
      map(({ from, to, at, cause }) => `${from}>${to}@${at / 1000}s:${cause}`),
    );
}

/** Inputs every `stepMs` from `fromMs` (inclusive) to `toMs` (exclusive). */
export function every<T>(fromMs: number, toMs: number, stepMs: number, make: (at: number) => T): T[] {
  const items: T[] = [];
  for (let at = fromMs; at < toMs; at += stepMs) items.push(make(at));
  return items;
}
