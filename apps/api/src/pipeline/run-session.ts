import {
  concat,
  concatMap,
  connect,
  defer,
  EMPTY,
  endWith,
  ignoreElements,
  map,
  merge,
  mergeMap,
  of,
  startWith,
  takeUntil,
  takeWhile,
  timer,
  type Observable,
  type OperatorFunction,
  type SchedulerLike,
} from 'rxjs';
import type { LiveSession } from './live-session';
import type { SessionCommand } from './session-commands';
import type { FinalResults, SessionOutput } from './session-output';

/**
 * How a session starts: a fresh LiveSession, or one rebuilt from stored data, whose results
 * (already stored, rewritten idempotently) come first. `gone`: the session has ended or does
 * not exist; its graph stops.
 */
export type SessionStart =
  { kind: 'results'; results: FinalResults } | { kind: 'ready'; session: LiveSession } | { kind: 'gone' };

export interface RunSessionOptions {
  start(sessionId: string): Observable<SessionStart>;
  snapshotPeriodMs: number;
  /**
   * When the first tick comes after the graph starts (default: one period). The live pipeline
   * gives each session its own phase (see tick-phase.ts) so that sessions do not all tick at once.
   */
  firstTickAfterMs?: number;
  scheduler: SchedulerLike;
}

/** Internal: the first step of every session graph, before any command. */
const STARTING = { kind: 'starting' } as const;
/** Internal: the start found the session gone, so the graph completes. */
const GONE = { kind: 'gone' } as const;

/**
 * One session's graph. The session starts (possibly rebuilding from the database) on its first
 * command; commands arriving meanwhile wait in order (concatMap), so none is lost or applied
 * twice. Then each message is applied as it comes, and every `snapshotPeriodMs` of processing
 * time (from `firstTickAfterMs`) the session ticks: the watermark moves to the session's
 * event-time clock, final results and a snapshot come out. When the input completes (the session ended) the analyzer
 * finishes and is released. Unsubscribing (shutdown) drops the state without finishing.
 */
export function runSession(
  sessionId: string,
  options: RunSessionOptions,
): OperatorFunction<SessionCommand, SessionOutput> {
  const { scheduler } = options;
  return (commands$) =>
    defer(() => {
      let session: LiveSession | undefined;

      const startSession = (): Observable<SessionOutput | typeof GONE> =>
        options.start(sessionId).pipe(
          mergeMap((step): Observable<SessionOutput | typeof GONE> => {
            switch (step.kind) {
              case 'results':
                return of({ kind: 'results', sessionId, results: step.results });
              case 'ready':
                session = step.session;
                return EMPTY;
              case 'gone':
                return of(GONE);
            }
          }),
        );

      const applied$ = commands$.pipe(
        startWith(STARTING),
        concatMap((command): Observable<SessionOutput | typeof GONE> => {
          if (command === STARTING) return startSession();
          if (command.kind === 'messages') session?.apply(command, scheduler.now());
          return EMPTY;
        }),
        takeWhile((output): output is SessionOutput => output !== GONE),
      );

      return applied$.pipe(
        connect((shared$) => {
          const inputEnded$ = shared$.pipe(ignoreElements(), endWith(true));
          const firstTickAfterMs = options.firstTickAfterMs ?? options.snapshotPeriodMs;
          const ticks$ = timer(firstTickAfterMs, options.snapshotPeriodMs, scheduler).pipe(
            map(() => session?.tick(scheduler.now()) ?? []),
            concatMap((outputs) => outputs),
            takeUntil(inputEnded$),
          );
          const finish$ = defer(() => {
            const finished = session;
            session = undefined;
            return finished ? finished.finish(scheduler.now()) : EMPTY;
          });
          return merge(concat(shared$, finish$), ticks$);
        }),
      );
    });
}
