import { last, map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import type { ConnectivityInput } from './connectivity-input';
import { withEventTimeTicks } from './event-time-ticks';
import {
  addWindowToSession,
  connectivitySession,
  EMPTY_SESSION,
  summarizeSession,
  type SessionAccumulator,
} from './session-summary';
import { callSecond, ice, leave } from './testing/intervals';
import { atEventTime, marbles } from './testing/marbles';
import { connectivityWindows, INITIAL_WINDOWS_STATE, stepWindows, type WindowsState } from './windows';

const s = (seconds: number) => seconds * 1000;
const SESSION_SECONDS = 90 * 60;

/**
 * A 90-minute session: a report every second, 30 s of 10 % loss from 1000 s, a 20 s silence from
 * 3000 s (the member's network dropped), and a leave at the end.
 */
function ninetyMinuteSession(): ConnectivityInput[] {
  const inputs: ConnectivityInput[] = [ice(0, 'connected')];
  for (let second = 0; second < SESSION_SECONDS; second++) {
    if (second > 3000 && second < 3020) continue;
    const bad = second > 1000 && second <= 1030;
    inputs.push(callSecond(s(second), { lossPct: bad ? 10 : 0, rttMs: 40 }));
  }
  inputs.push(leave(s(SESSION_SECONDS)));
  return inputs;
}

describe(connectivitySession.name, () => {
  it('summarises a 90-minute session from its windows, in virtual time', () => {
    new TestScheduler((actual, expected) => expect(actual).toEqual(expected)).run(({ expectObservable }) => {
      const summary$ = atEventTime(ninetyMinuteSession()).pipe(
        withEventTimeTicks({ periodMs: 1000, lagMs: 0 }),
        connectivityWindows(),
        connectivitySession(),
        last(),
        map((summary) => ({
          drops: summary.drops,
          rejoins: summary.rejoins,
          reconnects: summary.reconnects,
          failed: summary.failed,
          secondsByState: summary.secondsByState,
          connectedSeconds: summary.connectedSeconds,
          minutesLost: summary.minutesLost,
          meanRttMs: summary.meanRttMs,
          rttSource: summary.rttSource,
          packetLossPct: summary.packetLossPct?.toFixed(5),
          jitterMs: summary.jitterMs,
          mosAbove4: (summary.mos ?? 0) > 4,
          minWindowMosBelow4: (summary.minWindowMos ?? 5) < 4,
          lastState: summary.lastState,
        })),
      );
      const reports = SESSION_SECONDS - 19;
      expectObservable(summary$).toBe(marbles([[s(SESSION_SECONDS), 'x']], s(SESSION_SECONDS)), {
        x: {
          drops: 1,
          rejoins: 1,
          reconnects: 1,
          failed: false,
          // degraded 1010–1040 s; reconnecting 3005–3015 and 3020–3030 s; disconnected 3015–3020 s
          secondsByState: {
            connected: SESSION_SECONDS - 30 - 25,
            degraded: 30,
            reconnecting: 20,
            disconnected: 5,
            left: 0,
          },
          connectedSeconds: SESSION_SECONDS - 55,
          minutesLost: 25 / 60,
          meanRttMs: 40,
          rttSource: 'ice',
          packetLossPct: ((100 * 30 * 10) / (reports * 100)).toFixed(5),
          jitterMs: 5,
          mosAbove4: true,
          minWindowMosBelow4: true,
          lastState: 'left',
        },
      });
    });
  });

  it('keeps memory bounded: open windows and the session accumulator do not grow with session length', () => {
    let windows: WindowsState = INITIAL_WINDOWS_STATE;
    let session: SessionAccumulator = EMPTY_SESSION;
    let mostOpenWindows = 0;
    const accumulatorSizeAt: Record<number, number> = {};
    for (const input of ninetyMinuteSession()) {
      const step = stepWindows(windows, input);
      windows = step.state;
      mostOpenWindows = Math.max(mostOpenWindows, windows.open.length);
      for (const window of step.closed) {
        session = addWindowToSession(session, window);
        if (session.windows === 60 || session.windows === 520)
          accumulatorSizeAt[session.windows] = JSON.stringify(session).length;
      }
    }
    expect(mostOpenWindows).toBeLessThanOrEqual(2);
    expect(accumulatorSizeAt[520] / accumulatorSizeAt[60]).toBeLessThan(1.1);
    expect(summarizeSession(session).drops).toBe(1);
  });
});
