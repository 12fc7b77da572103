import { map } from 'rxjs';
import { TestScheduler } from 'rxjs/testing';
import { arriving, marbles } from '../connectivity/testing/marbles';
import { sessionAnalysis, type SessionAnalysisOutput } from './session-analysis.operator';
import type { SessionInput } from './session-analyzer.contract';
import { SimulatedDevice, t } from './testing/simulated-device';

/** One letter per output: s snapshot, l snapshot once a late message was counted, w windows, r report. */
function letterOf(output: SessionAnalysisOutput): string {
  switch (output.kind) {
    case 'snapshot':
      return output.snapshot.lateMessages > 0 ? 'l' : 's';
    case 'progress':
      return 'w';
    case 'report':
      return 'r';
  }
}

const LETTERS = { s: 's', l: 'l', w: 'w', r: 'r' };

describe(sessionAnalysis.name, () => {
  const testScheduler = () => new TestScheduler((actual, expected) => expect(actual).toEqual(expected));

  it('advances once a second of processing time on the extrapolated event time, emits windows once final, and counts a message delayed beyond the lateness', () => {
    testScheduler().run(({ expectObservable }) => {
      // Event time is T0 + virtual time: the client clock is years ahead of the virtual clock.
      const member = new SimulatedDevice('m');
      const arrivals: Array<readonly [number, SessionInput]> = [[0, member.join(0)]];
      for (let second = 1; second <= 25; second++) {
        // The report of 12 s is held up in transit until 19.5 s: 7.5 s, beyond the 5 s allowed.
        arrivals.push([second === 12 ? 19_500 : second * 1000, member.stats(second)]);
      }
      const outputs$ = arriving(arrivals).pipe(sessionAnalysis({ sessionId: 's' }), map(letterOf));

      const events: Array<[number, string]> = [];
      for (let second = 1; second <= 25; second++) {
        // Windows end at 10 s, 20 s…; one is final once speech is complete to its end: the
        // watermark (1 s behind the newest report of the only member, whose report of the second
        // arrives just after the tick) minus the 5 s device utterances may take, so at 17 s.
        if (second === 17) events.push([second * 1000, 'w']);
        events.push([second * 1000, second >= 20 ? 'l' : 's']);
      }
      // Completion at 25 s (the last arrival): finish emits the rest of the windows and the report.
      events.push([25_000, 'w'], [25_000, 'r']);
      expectObservable(outputs$).toBe(marbles(events, 25_000), LETTERS);
    });
  });

  it('finishes at the event time reached, with every window of the session', () => {
    testScheduler().run(({ expectObservable }) => {
      const member = new SimulatedDevice('m');
      const arrivals: Array<readonly [number, SessionInput]> = [[0, member.join(0)]];
      for (let second = 1; second <= 30; second++) arrivals.push([second * 1000, member.stats(second)]);
      arrivals.push([30_000, member.leave(30)]);
      const windowStarts$ = arriving(arrivals).pipe(
        sessionAnalysis({ sessionId: 's' }),
        map((output) =>
          output.kind === 'report'
            ? `report ${output.report.session.durationSeconds} s`
            : output.kind === 'progress'
              ? output.progress.windows
                  .map((window) => `${window.participantId ?? '*'}${(window.windowStart - t(0)) / 1000}`)
                  .join(' ')
              : 'snapshot',
        ),
      );
      const events: Array<[number, string]> = [];
      for (let second = 1; second <= 30; second++) {
        if (second === 17) events.push([17_000, 'a']);
        if (second === 27) events.push([27_000, 'b']);
        events.push([second * 1000, 's']);
      }
      // The leave completes the inputs at 30 s: the window of 20–30 s is flushed with the report.
      events.push([30_000, 'c'], [30_000, 'r']);
      expectObservable(windowStarts$).toBe(marbles(events, 30_000), {
        s: 'snapshot',
        a: 'm0 *0',
        b: 'm10 *10',
        c: 'm20 *20',
        r: 'report 30 s',
      });
    });
  });
});
