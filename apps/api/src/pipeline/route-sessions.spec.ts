import { endWith, map, type OperatorFunction } from 'rxjs';
import { routeSessions } from './route-sessions';
import type { SessionCommand } from './session-commands';
import { endCommand, startCommand, statsCommand } from './testing/commands';
import { createTestScheduler, marbles } from './testing/marbles';

/** A session graph that only says what it received, and when its input completed. */
function echoSession(sessionId: string): OperatorFunction<SessionCommand, string> {
  return (commands$) =>
    commands$.pipe(
      map((command) => `${sessionId}:${command.kind === 'messages' ? command.participantId : command.kind}`),
      endWith(`${sessionId}:done`),
    );
}

describe(routeSessions.name, () => {
  it('gives each session its own graph, fed with only its own commands', () => {
    createTestScheduler().run(({ hot, expectObservable }) => {
      const commands$ = hot<SessionCommand>(
        marbles([
          [0, 'a'],
          [10, 'b'],
          [20, 'c'],
        ]),
        {
          a: statsCommand('A', 'p1', 1),
          b: statsCommand('B', 'p2', 1),
          c: statsCommand('A', 'p3', 2),
        },
      );
      expectObservable(commands$.pipe(routeSessions(echoSession))).toBe(
        marbles([
          [0, 'a'],
          [10, 'b'],
          [20, 'c'],
        ]),
        {
          a: 'A:p1',
          b: 'B:p2',
          c: 'A:p3',
        },
      );
    });
  });

  it('completes a session’s input when it ends, leaving the others running', () => {
    const created: string[] = [];
    createTestScheduler().run(({ hot, expectObservable }) => {
      const commands$ = hot<SessionCommand>(
        marbles([
          [0, 'a'],
          [10, 'b'],
          [20, 'e'],
          [30, 'c'],
          [40, 'd'],
        ]),
        {
          a: statsCommand('A', 'p1', 1),
          b: statsCommand('B', 'p2', 1),
          e: endCommand('A'),
          // In flight when A ended: must not revive it.
          c: statsCommand('A', 'p1', 2),
          d: statsCommand('B', 'p2', 2),
        },
      );
      const graphs = (sessionId: string) => {
        created.push(sessionId);
        return echoSession(sessionId);
      };
      expectObservable(commands$.pipe(routeSessions(graphs))).toBe(
        marbles([
          [0, 'a'],
          [10, 'b'],
          [20, 'x'],
          [40, 'd'],
        ]),
        { a: 'A:p1', b: 'B:p2', x: 'A:done', d: 'B:p2' },
      );
    });
    expect(created).toEqual(['A', 'B']);
  });

  it('ignores the end of a session it has no graph for', () => {
    const created: string[] = [];
    createTestScheduler().run(({ hot, expectObservable }) => {
      const commands$ = hot<SessionCommand>(marbles([[0, 'e']]), { e: endCommand('A') });
      const graphs = (sessionId: string) => {
        created.push(sessionId);
        return echoSession(sessionId);
      };
      expectObservable(commands$.pipe(routeSessions(graphs))).toBe('');
    });
    expect(created).toEqual([]);
  });

  it('starts a session on a start command, before any message', () => {
    createTestScheduler().run(({ hot, expectObservable }) => {
      const commands$ = hot<SessionCommand>(
        marbles([
          [0, 's'],
          [10, 'a'],
        ]),
        {
          s: startCommand('A'),
          a: statsCommand('A', 'p1', 1),
        },
      );
      expectObservable(commands$.pipe(routeSessions(echoSession))).toBe(
        marbles([
          [0, 's'],
          [10, 'a'],
        ]),
        {
          s: 'A:start',
          a: 'A:p1',
        },
      );
    });
  });

  it('tears every graph down without completing it when unsubscribed (shutdown)', () => {
    createTestScheduler().run(({ hot, expectObservable }) => {
      const commands$ = hot<SessionCommand>(
        marbles([
          [0, 'a'],
          [20, 'b'],
        ]),
        {
          a: statsCommand('A', 'p1', 1),
          b: statsCommand('A', 'p1', 2),
        },
      );
      expectObservable(commands$.pipe(routeSessions(echoSession)), '^ 10ms !').toBe('a', { a: 'A:p1' });
    });
  });
});
