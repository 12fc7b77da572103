import { filter, map, of, type Observable } from 'rxjs';
import type { TestScheduler } from 'rxjs/testing';
import { LiveSession } from './live-session';
import { runSession, type SessionStart } from './run-session';
import type { SessionCommand } from './session-commands';
import type { SessionOutput } from './session-output';
import { statsCommand } from './testing/commands';
import { FakeAnalyzer } from './testing/fake-analyzer';
import { createTestScheduler, marbles } from './testing/marbles';

const SESSION = 'session-a';
/** The members' clock: event time is far from the virtual (processing) time, as in real life. */
const T0 = 1_700_000_000_000;

describe(runSession.name, () => {
  let scheduler: TestScheduler;
  let analyzer: FakeAnalyzer;
  let failures: string[];

  beforeEach(() => {
    scheduler = createTestScheduler();
    analyzer = new FakeAnalyzer(SESSION);
    failures = [];
  });

  const ready = (): SessionStart => ({
    kind: 'ready',
    session: new LiveSession(SESSION, analyzer, (_id, step) => failures.push(step)),
  });

  function sut(commands$: Observable<SessionCommand>, start$: Observable<SessionStart>): Observable<string> {
    return commands$.pipe(
      runSession(SESSION, { start: () => start$, snapshotPeriodMs: 1000, scheduler }),
      map(describeOutput),
    );
  }

  it('ticks once a second on the event-time clock: latest event time plus processing time since', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const commands$ = hot<SessionCommand>(
        marbles([
          [0, 'a'],
          [2500, 'b'],
        ]),
        {
          a: statsCommand(SESSION, 'p1', T0),
          // Ahead of the estimate (T0 + 2500): the clock re-anchors on it.
          b: statsCommand(SESSION, 'p2', T0 + 2600),
        },
      );
      expectObservable(sut(commands$, of(ready())), '^ 3500ms !').toBe(
        marbles([
          [1000, 's'],
          [2000, 't'],
          [3000, 'u'],
        ]),
        { s: `snapshot@${T0 + 1000}`, t: `snapshot@${T0 + 2000}`, u: `snapshot@${T0 + 3100}` },
      );
    });
    expect(analyzer.advancedTo).toEqual([T0 + 1000, T0 + 2000, T0 + 3100]);
  });

  it('ticks first after firstTickAfterMs, then once a period (sessions tick in phases of their own)', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const commands$ = hot<SessionCommand>(marbles([[0, 'a']]), { a: statsCommand(SESSION, 'p1', T0) });
      const out$ = commands$.pipe(
        runSession(SESSION, { start: () => of(ready()), snapshotPeriodMs: 1000, firstTickAfterMs: 300, scheduler }),
        map(describeOutput),
      );
      expectObservable(out$, '^ 2500ms !').toBe(
        marbles([
          [300, 's'],
          [1300, 't'],
          [2300, 'u'],
        ]),
        { s: `snapshot@${T0 + 300}`, t: `snapshot@${T0 + 1300}`, u: `snapshot@${T0 + 2300}` },
      );
    });
  });

  it('keeps the clock when a message comes from behind it (another member whose clock is late)', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const commands$ = hot<SessionCommand>(
        marbles([
          [0, 'a'],
          [500, 'b'],
        ]),
        {
          a: statsCommand(SESSION, 'p1', T0),
          b: statsCommand(SESSION, 'p2', T0 - 4000),
        },
      );
      expectObservable(sut(commands$, of(ready())), '^ 2500ms !').toBe(
        marbles([
          [1000, 's'],
          [2000, 't'],
        ]),
        {
          s: `snapshot@${T0 + 1000}`,
          t: `snapshot@${T0 + 2000}`,
        },
      );
    });
    expect(analyzer.pushed.map((input) => input.participantId)).toEqual(['p1', 'p2']);
  });

  it('produces no snapshot while the session has no data', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const commands$ = hot<SessionCommand>(marbles([[3200, 'a']]), { a: statsCommand(SESSION, 'p1', T0) });
      expectObservable(sut(commands$, of(ready())), '^ 4500ms !').toBe(marbles([[4000, 's']]), {
        s: `snapshot@${T0 + 800}`,
      });
    });
  });

  it('emits the windows that became final before the snapshot of the same tick', () => {
    scheduler.run(({ hot, expectObservable }) => {
      // Event time starts on a window boundary; the window [T0, T0+10 s) closes at watermark T0+10 s,
      // i.e. once the clock reaches T0 + 15 s (5 s lateness).
      const commands$ = hot<SessionCommand>(marbles([[0, 'a']]), { a: statsCommand(SESSION, 'p1', T0) });
      const earlierSnapshot = (output: string) => output.startsWith('snapshot@') && output < `snapshot@${T0 + 15_000}`;
      const out$ = sut(commands$, of(ready())).pipe(filter((output) => !earlierSnapshot(output)));
      expectObservable(out$, '^ 15500ms !').toBe(
        marbles([
          [15_000, 'w'],
          [15_000, 's'],
        ]),
        {
          w: `windows:${T0}`,
          s: `snapshot@${T0 + 15_000}`,
        },
      );
    });
  });

  it('applies, in order, the messages that arrived while the session was being rebuilt', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      const commands$ = hot<SessionCommand>(
        marbles([
          [100, 'a'],
          [200, 'b'],
        ]),
        {
          a: statsCommand(SESSION, 'p1', T0, 7),
          b: statsCommand(SESSION, 'p1', T0 + 1000, 8),
        },
      );
      const rebuild$ = cold<SessionStart>('300ms (rs|)', {
        r: { kind: 'results', results: { windows: [], episodes: [], estimatedUtterances: [] } },
        s: ready(),
      });
      expectObservable(sut(commands$, rebuild$), '^ 1500ms !').toBe(
        marbles([
          [300, 'r'],
          [1000, 's'],
        ]),
        {
          r: 'windows:',
          // Both were applied at 300 ms: T0 + 1000 plus 700 ms since.
          s: `snapshot@${T0 + 1700}`,
        },
      );
    });
    expect(analyzer.pushed.map((input) => input.message.kind === 'stats' && input.message.timestamp)).toEqual([
      T0,
      T0 + 1000,
    ]);
  });

  it('when the session ends while it is being rebuilt, applies what arrived, then finishes', () => {
    scheduler.run(({ hot, cold, expectObservable }) => {
      const commands$ = hot<SessionCommand>(marbles([[100, 'a']], 200), { a: statsCommand(SESSION, 'p1', T0) });
      const rebuild$ = cold<SessionStart>('300ms (s|)', { s: ready() });
      expectObservable(sut(commands$, rebuild$)).toBe(marbles([[300, 'e']], 300), { e: 'ended' });
    });
    // Applied first: the analyzer finished at the event time the message set.
    expect(analyzer.pushed).toHaveLength(1);
    expect(analyzer.finishedAt).toBe(T0);
  });

  it('finishes the session when its input completes (it ended): final windows, then ended; ticks stop', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const commands$ = hot<SessionCommand>(marbles([[0, 'a']], 2500), { a: statsCommand(SESSION, 'p1', T0) });
      expectObservable(sut(commands$, of(ready()))).toBe(
        marbles(
          [
            [1000, 's'],
            [2000, 't'],
            [2500, 'w'],
            [2500, 'e'],
          ],
          2500,
        ),
        {
          s: `snapshot@${T0 + 1000}`,
          t: `snapshot@${T0 + 2000}`,
          w: `windows:${T0}`,
          e: 'ended',
        },
      );
    });
    expect(analyzer.finishedAt).toBe(T0 + 2500);
  });

  it('stops without finishing when unsubscribed (shutdown: the session is still live)', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const commands$ = hot<SessionCommand>(marbles([[0, 'a']]), { a: statsCommand(SESSION, 'p1', T0) });
      expectObservable(sut(commands$, of(ready())), '^ 1500ms !').toBe(marbles([[1000, 's']]), {
        s: `snapshot@${T0 + 1000}`,
      });
    });
    expect(analyzer.finishedAt).toBeUndefined();
  });

  it('completes at once when the session turns out to have ended', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const commands$ = hot<SessionCommand>(marbles([[0, 'a']]), { a: statsCommand(SESSION, 'p1', T0) });
      expectObservable(sut(commands$, of<SessionStart>({ kind: 'gone' }))).toBe('|');
    });
    expect(analyzer.pushed).toEqual([]);
  });

  it('keeps going when the analyzer throws on a message, and says so', () => {
    scheduler.run(({ hot, expectObservable }) => {
      const commands$ = hot<SessionCommand>(
        marbles([
          [0, 'a'],
          [100, 'b'],
        ]),
        {
          a: statsCommand(SESSION, 'p1', T0),
          b: statsCommand(SESSION, 'p1', T0 + 100),
        },
      );
      const push = analyzer.push.bind(analyzer);
      let calls = 0;
      analyzer.push = (input) => {
        if (calls++ === 0) throw new Error('bad report');
        push(input);
      };
      expectObservable(sut(commands$, of(ready())), '^ 1500ms !').toBe(marbles([[1000, 's']]), {
        s: `snapshot@${T0 + 1000}`,
      });
    });
    expect(failures).toEqual(['push']);
  });
});

function describeOutput(output: SessionOutput): string {
  switch (output.kind) {
    case 'snapshot':
      return `snapshot@${output.snapshot.at}`;
    case 'results':
      return `windows:${output.results.windows.map((window) => window.windowStart).join(',')}`;
    case 'ended':
      return 'ended';
  }
}
