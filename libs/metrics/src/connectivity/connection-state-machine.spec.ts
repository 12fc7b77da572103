import { last, map, type OperatorFunction } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { ConnectivityInput } from './connectivity-input';
import { INITIAL_CONNECTION_MACHINE, stepConnection, type ConnectionMachine } from './connection-state-machine';
import { connectionStates, type ConnectionSnapshot } from './connection-states.operator';
import { withEventTimeTicks } from './event-time-ticks';
import { badSecond, callSecond, emptySecond, goodSecond, ice, join, leave, tick } from './testing/intervals';
import { arriving, atEventTime, every, marbles, transitionsOf } from './testing/marbles';
import { DEFAULT_CONNECTIVITY_THRESHOLDS } from './thresholds';

const s = (seconds: number) => seconds * 1000;

function newScheduler(): TestScheduler {
  return new TestScheduler((actual, expected) => expect(actual).toEqual(expected));
}

/** Runs inputs (in arrival order) through the reducer and returns the final machine. */
function run(inputs: readonly ConnectivityInput[]): ConnectionMachine {
  return inputs.reduce(
    (machine, input) => stepConnection(machine, input, DEFAULT_CONNECTIVITY_THRESHOLDS).machine,
    INITIAL_CONNECTION_MACHINE,
  );
}

describe('connection state machine', () => {
  describe('quality: connected ⇄ degraded with hysteresis (marbles)', () => {
    it('degrades after 10 s of sustained bad quality and recovers only after 10 s of good', () => {
      newScheduler().run(({ expectObservable }) => {
        const inputs = [
          ...every(s(1), s(13), s(1), badSecond), // bad from 0 s (the first interval's start)
          ...every(s(13), s(30), s(1), goodSecond), // good from 12 s
        ];
        const transitions$ = atEventTime(inputs).pipe(connectionStates(), transitionsOf());
        expectObservable(transitions$).toBe(
          marbles(
            [
              [s(10), 'd'],
              [s(22), 'c'],
            ],
            s(29),
          ),
          {
            d: 'connected>degraded@10s:poor-quality',
            c: 'degraded>connected@22s:quality-recovered',
          },
        );
      });
    });

    it('ignores bursts shorter than 10 s and flapping quality', () => {
      newScheduler().run(({ expectObservable }) => {
        const flapping = (at: number) => ((at / 1000) % 4 === 0 ? goodSecond(at) : badSecond(at));
        const inputs = [
          ...every(s(1), s(6), s(1), badSecond),
          ...every(s(6), s(10), s(1), goodSecond),
          ...every(s(10), s(60), s(1), flapping),
        ];
        expectObservable(atEventTime(inputs).pipe(connectionStates(), transitionsOf())).toBe(marbles([], s(59)));
      });
    });

    it('does not recover while good and bad alternate, however long', () => {
      newScheduler().run(({ expectObservable }) => {
        const alternating = (at: number) => ((at / 1000) % 6 === 0 ? badSecond(at) : goodSecond(at));
        const inputs = [...every(s(1), s(12), s(1), badSecond), ...every(s(12), s(60), s(1), alternating)];
        expectObservable(atEventTime(inputs).pipe(connectionStates(), transitionsOf())).toBe(
          marbles([[s(10), 'd']], s(59)),
          { d: 'connected>degraded@10s:poor-quality' },
        );
      });
    });

    it('counts high RTT as bad quality', () => {
      newScheduler().run(({ expectObservable }) => {
        const slow = (at: number) => callSecond(at, { rttMs: 450 });
        expectObservable(atEventTime(every(s(1), s(12), s(1), slow)).pipe(connectionStates(), transitionsOf())).toBe(
          marbles([[s(10), 'd']], s(11)),
          { d: 'connected>degraded@10s:poor-quality' },
        );
      });
    });
  });

  describe('no report: reconnecting at 5 s, disconnected at 15 s (marbles, live ticks)', () => {
    it('times out on silence, counts a drop, and a rejoin + reconnect once reports flow for 10 s', () => {
      newScheduler().run(({ expectObservable }) => {
        const inputs = [...every(0, s(11), s(1), goodSecond), ...every(s(40), s(61), s(1), goodSecond)];
        const snapshots$ = atEventTime(inputs).pipe(
          withEventTimeTicks({ periodMs: 1000, lagMs: 0 }),
          connectionStates(),
        );
        expectObservable(snapshots$.pipe(transitionsOf())).toBe(
          marbles(
            [
              [s(15), 'r'],
              [s(25), 'd'],
              [s(40), 'b'],
              [s(50), 'c'],
            ],
            s(60),
          ),
          {
            r: 'connected>reconnecting@15s:no-report',
            d: 'reconnecting>disconnected@25s:no-report',
            b: 'disconnected>reconnecting@40s:connectivity-returned',
            c: 'reconnecting>connected@50s:reconnected',
          },
        );
        expectObservable(snapshots$.pipe(finalTotals())).toBe(marbles([[s(60), 'x']], s(60)), {
          x: {
            drops: 1,
            rejoins: 1,
            reconnects: 1,
            secondsByState: { connected: 15 + 10, degraded: 0, reconnecting: 10 + 10, disconnected: 15, left: 0 },
            minutesLost: 35 / 60,
          },
        });
      });
    });

    it('a short silence (reconnecting, never disconnected) is a reconnect but not a drop or rejoin', () => {
      const machine = run([...every(0, s(11), s(1), goodSecond), ...every(s(18), s(40), s(1), goodSecond)]);
      expect(machine.counters).toEqual({ drops: 0, rejoins: 0, reconnects: 1, iceFailures: 0 });
      expect(machine.secondsByState).toMatchObject({ reconnecting: 3 + 10, connected: 15 + 11 });
    });

    it('keeps the lag: a report delayed in transit less than the lag is not taken for silence', () => {
      // Reports every second until 5 s; the one taken at 6 s arrives 4.8 s late, at 10.8 s.
      const reports = [
        ...every(0, s(6), s(1), (at) => [at, goodSecond(at)] as const),
        [10_800, goodSecond(s(6))] as const,
      ];
      for (const [lagMs, expected] of [
        [1000, marbles([], 10_800)],
        [
          0,
          marbles(
            [
              [s(10), 'r'],
              [10_800, 'c'],
            ],
            10_800,
          ),
        ],
      ] as const) {
        newScheduler().run(({ expectObservable }) => {
          const inputs$ = arriving(reports).pipe(withEventTimeTicks({ periodMs: 1000, lagMs }));
          expectObservable(inputs$.pipe(connectionStates(), transitionsOf())).toBe(expected, {
            r: 'connected>reconnecting@10s:no-report',
            c: 'reconnecting>connected@10s:reconnected', // the late report shows there was no gap
          });
        });
      }
    });
  });

  describe('ICE and connection state events', () => {
    it('goes reconnecting on ICE disconnected and back after 10 s connected (marbles)', () => {
      newScheduler().run(({ expectObservable }) => {
        const inputs = [
          ice(0, 'connected'),
          ...every(s(1), s(40), s(1), goodSecond),
          ice(s(5), 'disconnected'),
          ice(s(8), 'checking'),
          ice(s(9), 'connected'),
        ];
        const sorted = [...inputs].sort((a, b) => a.at - b.at);
        expectObservable(atEventTime(sorted).pipe(connectionStates(), transitionsOf())).toBe(
          marbles(
            [
              [s(5), 'r'],
              [s(19), 'c'],
            ],
            s(39),
          ),
          {
            r: 'connected>reconnecting@5s:ice-disconnected',
            c: 'reconnecting>connected@19s:reconnected',
          },
        );
      });
    });

    it('goes disconnected at once on ICE failed: a drop, and `failed` is remembered', () => {
      const machine = run([ice(0, 'connected'), goodSecond(s(1)), ice(s(2), 'failed'), goodSecond(s(3))]);
      expect(machine.state).toBe('disconnected');
      expect(machine.counters).toEqual({ drops: 1, rejoins: 0, reconnects: 0, iceFailures: 1 });
    });

    it('ignores a failed or closed connection while another one carries the participant (P2P ⇄ SFU)', () => {
      const machine = run(
        [
          ice(0, 'connected', 'SFU'),
          ice(s(1), 'checking', 'P2P'),
          ice(s(15), 'failed', 'P2P'),
          ice(s(20), 'closed', 'P2P'),
          ...every(s(1), s(30), s(1), goodSecond),
        ].sort((a, b) => a.at - b.at),
      );
      expect(machine.state).toBe('connected');
      expect(machine.counters).toEqual({ drops: 0, rejoins: 0, reconnects: 0, iceFailures: 1 });
    });

    it('goes disconnected when the last connection closes, and recovers through a new one', () => {
      const machine = run([
        ice(0, 'connected', 'A'),
        goodSecond(s(1)),
        ice(s(2), 'closed', 'A'),
        ice(s(3), 'checking', 'B'),
        goodSecond(s(3)),
        ice(s(4), 'connected', 'B'),
        ...every(s(4), s(16), s(1), goodSecond),
      ]);
      expect(machine.state).toBe('connected');
      expect(machine.counters).toEqual({ drops: 1, rejoins: 1, reconnects: 1, iceFailures: 0 });
      expect(machine.secondsByState).toMatchObject({ disconnected: 1, reconnecting: 11 });
    });
  });

  describe('several peer connections (a mesh)', () => {
    it('degrades when one path stays bad while another is good, and recovers once both are good', () => {
      const path = (peerConnectionId: string, lossPct: number) => (at: number) =>
        callSecond(at, { lossPct, peerConnectionId });
      const inputs = [0, 1, 2, 3, 4, 5, 6, 7, 8, 9, 10, 11, 12].flatMap((second) => [
        path('PC_bad', 10)(s(second)),
        path('PC_good', 0)(s(second)),
      ]);
      expect(run(inputs).state).toBe('degraded');

      const healed = [13, 14, 15, 16, 17, 18, 19, 20, 21, 22, 23, 24, 25].flatMap((second) => [
        path('PC_bad', 0)(s(second)),
        path('PC_good', 0)(s(second)),
      ]);
      expect(run([...inputs, ...healed]).state).toBe('connected');
    });
  });

  describe('leave and join', () => {
    it('stays left whatever arrives until a join', () => {
      const afterLeave = run([
        goodSecond(0),
        goodSecond(s(1)),
        leave(s(2)),
        goodSecond(s(3)),
        ice(s(4), 'failed'),
        tick(s(60)),
      ]);
      expect(afterLeave.state).toBe('left');
      expect(afterLeave.counters.drops).toBe(0);
      expect(afterLeave.secondsByState).toMatchObject({ connected: 2, left: 58 });
      const rejoined = stepConnection(afterLeave, join(s(61)), DEFAULT_CONNECTIVITY_THRESHOLDS).machine;
      expect(rejoined).toMatchObject({ state: 'connected', counters: { drops: 0, rejoins: 0 } });
    });

    it('takes a closed page as a drop at once, and the member coming back on a new page as a rejoin', () => {
      const closed = run([goodSecond(0), goodSecond(s(1)), { type: 'page-closed', at: s(2) }, tick(s(30))]);
      expect(closed).toMatchObject({ state: 'disconnected', stateSince: s(2), counters: { drops: 1 } });

      const back = [join(s(31)), ...every(s(32), s(45), s(1), goodSecond)].reduce(
        (machine, input) => stepConnection(machine, input, DEFAULT_CONNECTIVITY_THRESHOLDS).machine,
        closed,
      );
      expect(back).toMatchObject({ state: 'connected', counters: { drops: 1, rejoins: 1, reconnects: 1 } });
    });
  });

  describe('event time', () => {
    it('offline, without ticks, places timeouts at their exact time when the next report reveals them', () => {
      const step = [...every(0, s(11), s(1), goodSecond)].reduce(
        (machine, input) => stepConnection(machine, input, DEFAULT_CONNECTIVITY_THRESHOLDS).machine,
        INITIAL_CONNECTION_MACHINE,
      );
      const revealed = stepConnection(step, goodSecond(s(40)), DEFAULT_CONNECTIVITY_THRESHOLDS);
      expect(revealed.transitions.map(({ to, at }) => [to, at / 1000])).toEqual([
        ['reconnecting', 15],
        ['disconnected', 25],
        ['reconnecting', 40],
      ]);
      expect(revealed.machine.secondsByState).toMatchObject({ connected: 15, reconnecting: 10, disconnected: 15 });
    });

    it('never moves the clock back for a late input', () => {
      const machine = run([goodSecond(0), tick(s(30)), goodSecond(s(3))]);
      expect(machine.now).toBe(s(30));
      expect(machine.state).toBe('disconnected');
    });

    it('treats a report without quality evidence as a sign of life only', () => {
      const machine = run([...every(0, s(12), s(1), badSecond), ...every(s(12), s(40), s(1), emptySecond)]);
      expect(machine.state).toBe('degraded');
    });
  });
});

type Totals = Pick<ConnectionSnapshot, 'drops' | 'rejoins' | 'reconnects' | 'secondsByState' | 'minutesLost'>;

function finalTotals(): OperatorFunction<ConnectionSnapshot, Totals> {
  return (snapshots$) =>
    snapshots$.pipe(
      last(),
      map(({ drops, rejoins, reconnects, secondsByState, minutesLost }) => ({
        drops,
        rejoins,
        reconnects,
        secondsByState,
        minutesLost,
      })),
    );
}
