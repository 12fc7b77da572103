import { map, type OperatorFunction } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { withEventTimeTicks } from './event-time-ticks';
import { callSecond, goodSecond } from './testing/intervals';
import { arriving, atEventTime, every, marbles } from './testing/marbles';
import { connectivityWindows, INITIAL_WINDOWS_STATE, stepWindows, type ConnectivityWindow } from './windows';

const s = (seconds: number) => seconds * 1000;

function newScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** A window in one line: `start-end state/worst intervals drops`. */
function brief(): OperatorFunction<ConnectivityWindow, string> {
  return (windows$) =>
    windows$.pipe(
      map(
        (w) =>
          `${w.startMs / 1000}-${w.endMs / 1000} ${w.state}/${w.worstState} n=${w.tally.intervals} drops=${w.drops}`,
      ),
    );
}

describe(connectivityWindows.name, () => {
  it('emits aligned 10 s windows once event time is 5 s past their end, and flushes the rest at the end', () => {
    newScheduler().run(({ expectObservable }) => {
      const windows$ = atEventTime(every(s(2), s(35), s(1), goodSecond)).pipe(connectivityWindows(), brief());
      expectObservable(windows$).toBe(
        marbles(
          [
            [s(15), 'a'],
            [s(25), 'b'],
            [s(34), 'cd'],
          ],
          s(34),
        ),
        {
          a: '0-10 connected/connected n=8 drops=0',
          b: '10-20 connected/connected n=10 drops=0',
          c: '20-30 connected/connected n=10 drops=0',
          d: '30-40 connected/connected n=5 drops=0',
        },
      );
    });
  });

  it('keeps emitting windows through an outage, with the state and the drop in the window it happened', () => {
    newScheduler().run(({ expectObservable }) => {
      const inputs$ = atEventTime([...every(0, s(11), s(1), goodSecond), ...every(s(40), s(52), s(1), goodSecond)]);
      const windows$ = inputs$.pipe(withEventTimeTicks({ periodMs: 1000, lagMs: 0 }), connectivityWindows(), brief());
      expectObservable(windows$).toBe(
        marbles(
          [
            [s(15), 'a'],
            [s(25), 'b'],
            [s(35), 'c'],
            [s(45), 'd'],
            [s(51), 'ef'],
          ],
          s(51),
        ),
        {
          a: '0-10 connected/connected n=10 drops=0',
          b: '10-20 reconnecting/reconnecting n=1 drops=0',
          c: '20-30 disconnected/disconnected n=0 drops=1',
          d: '30-40 disconnected/disconnected n=0 drops=0',
          e: '40-50 connected/reconnecting n=10 drops=0', // reconnected exactly at 50 s
          f: '50-60 connected/connected n=2 drops=0',
        },
      );
    });
  });

  it('puts a late interval in its own window while that is open, else in the oldest open one', () => {
    newScheduler().run(({ expectObservable }) => {
      const onTime = every(0, s(20), s(1), (at) => [at, callSecond(at)] as const).filter(
        ([at]) => at !== s(8) && at !== s(9),
      );
      const lossy = (at: number) => callSecond(at, { lossPct: 50 });
      const inputs$ = arriving([...onTime, [s(13), lossy(s(8))], [s(19), lossy(s(9))]]);
      const losses$ = inputs$.pipe(
        connectivityWindows(),
        map((w) => `${w.startMs / 1000}:${w.tally.intervals}:${w.metrics.packetLossPct?.toFixed(1)}`),
      );
      expectObservable(losses$).toBe(
        marbles(
          [
            [s(15), 'a'],
            [s(19), 'b'],
          ],
          s(19),
        ),
        {
          a: '0:9:5.6', // 8 s arrived within the lateness: 50 lost of 900
          b: '10:11:4.5', // 9 s came too late for its window: counted in 10–20 s rather than lost
        },
      );
    });
  });

  it('summarises loss, RTT, jitter, MOS, bitrate and state per window', () => {
    let state = INITIAL_WINDOWS_STATE;
    const closed: ConnectivityWindow[] = [];
    for (const input of every(s(1), s(16), s(1), (at) => callSecond(at, { lossPct: at < s(6) ? 2 : 0, rttMs: 100 }))) {
      const step = stepWindows(state, input);
      state = step.state;
      closed.push(...step.closed);
    }
    expect(closed).toHaveLength(1);
    expect(closed[0].metrics).toMatchObject({ iceRttMs: 100, rttSource: 'ice', jitterMs: 5 });
    expect(closed[0].metrics.packetLossPct).toBeCloseTo((100 * 10) / 900, 9); // 5 × 2 lost of 9 × 100
    expect(closed[0].metrics.mos).toBeGreaterThan(4);
    expect(closed[0].secondsByState).toMatchObject({ connected: 9 }); // the machine started at the first input, 1 s
    expect(state.open).toHaveLength(1);
  });

  it('ignores an input whose timestamp jumps hours ahead (corrupt clock) instead of opening millions of windows', () => {
    const first = stepWindows(INITIAL_WINDOWS_STATE, goodSecond(s(1)));
    const jump = stepWindows(first.state, goodSecond(s(1) + 365 * 24 * 3600 * 1000));
    expect(jump.state).toBe(first.state);
    expect(jump.closed).toEqual([]);
  });
});
