import { defer, filter, finalize, groupBy, mergeMap, takeWhile, type Observable, type OperatorFunction } from 'rxjs';
import { isEnd, type SessionCommand } from './session-commands';

/** Ended sessions remembered so that a message still in flight does not revive one; oldest forgotten first. */
const REMEMBERED_ENDED_SESSIONS = 10_000;

/**
 * Routes commands to one graph per session (`groupBy`), created on the session's first
 * command. An `end` completes the session's input, so its graph finishes; the group is then
 * released. Ends for sessions without a graph are ignored, and so is anything for a session
 * that ended since start-up. Unsubscribing (shutdown) tears every graph down without
 * finishing it: the sessions are still live, and the next start rebuilds them.
 */
export function routeSessions<Output>(
  runSession: (sessionId: string) => OperatorFunction<SessionCommand, Output>,
): OperatorFunction<SessionCommand, Output> {
  return (commands$) =>
    defer(() => {
      const running = new Set<string>();
      const ended = new Set<string>();
      const rememberEnded = (sessionId: string) => {
        ended.add(sessionId);
        if (ended.size > REMEMBERED_ENDED_SESSIONS) ended.delete(ended.values().next().value as string);
      };
      return commands$.pipe(
        filter((command) => !ended.has(command.sessionId) && (!isEnd(command) || running.has(command.sessionId))),
        groupBy((command) => command.sessionId, { duration: (group$) => group$.pipe(filter(isEnd)) }),
        mergeMap((group$): Observable<Output> => {
          const sessionId = group$.key;
          running.add(sessionId);
          return group$.pipe(
            takeWhile((command) => !isEnd(command)),
            runSession(sessionId),
            finalize(() => {
              running.delete(sessionId);
              rememberEnded(sessionId);
            }),
          );
        }),
      );
    });
}
