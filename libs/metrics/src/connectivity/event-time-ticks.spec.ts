import { of, toArray } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { ConnectivityInput } from './connectivity-input';
import { withEventTimeTicks } from './event-time-ticks';
import { tick } from './testing/intervals';
import { arriving, marbles } from './testing/marbles';

describe(withEventTimeTicks.name, () => {
  const leaveAt = (at: number): ConnectivityInput => ({ type: 'leave', at });

  it('ticks from the first input on, extrapolating its event time by the processing time elapsed, until the source completes', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ expectObservable }) => {
      // The client clock is 1 000 000 ms ahead of the server's virtual clock; only differences matter.
      const inputs$ = arriving([
        [500, leaveAt(1_000_500)],
        [2_200, leaveAt(1_002_000)],
        [3_500, leaveAt(1_003_600)],
      ] as const);
      expectObservable(inputs$.pipe(withEventTimeTicks({ periodMs: 1000, lagMs: 100 }))).toBe(
        marbles(
          [
            [500, 'a'],
            [1000, 'b'],
            [2000, 'c'],
            [2_200, 'd'],
            [3000, 'e'],
            [3_500, 'f'],
          ],
          3_500,
        ),
        {
          a: leaveAt(1_000_500),
          b: tick(1_000_900), // 1 000 500 + 500 elapsed − 100 lag
          c: tick(1_001_900),
          d: leaveAt(1_002_000), // behind the estimate (1 002 200): a late input does not pull it back
          e: tick(1_002_900),
          f: leaveAt(1_003_600), // then the source completes, and so do the ticks
        },
      );
    });
  });

  it('re-anchors on an input ahead of the estimate, so the estimate only moves forward', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ expectObservable, cold }) => {
      const inputs$ = cold<ConnectivityInput>('a 999ms - 499ms b 1499ms |', { a: leaveAt(0), b: leaveAt(5_000) });
      expectObservable(inputs$.pipe(withEventTimeTicks({ periodMs: 1000, lagMs: 0 }))).toBe(
        'a 999ms x 499ms b 499ms y 999ms |',
        { a: leaveAt(0), x: tick(1000), b: leaveAt(5_000), y: tick(5_500) },
      );
    });
  });

  it('passes a synchronous source through once', () => {
    let result: ConnectivityInput[] = [];
    of(leaveAt(1), leaveAt(2))
      .pipe(withEventTimeTicks(), toArray())
      .subscribe((inputs) => (result = inputs));
    expect(result).toEqual([leaveAt(1), leaveAt(2)]);
  });
});
