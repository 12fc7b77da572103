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
  Observable,
  of,
  takeUntil,
  timer,
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

/** Internal: the start found the session gone, so the graph completes. */
const GONE = { kind: 'gone' } as const;

/**
 * One session's graph. The session starts (possibly rebuilding from the database) on its first
 * command; commands arriving meanwhile wait in order, so none is lost or applied twice. Then
 * each message is applied as it comes, and every `snapshotPeriodMs` of processing time (from
 * `firstTickAfterMs`) the session ticks: the watermark moves to the session's event-time clock,
 * final results and a snapshot come out. When the input completes (the session ended) the
 * analyzer finishes and is released. Unsubscribing (shutdown) drops the state without finishing.
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
        applyOnceStarted(startSession(), (command) => {
          if (command.kind === 'messages') session?.apply(command, scheduler.now());
        }),
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

/**
 * Starts the session, then applies each command as it comes; commands that arrive while the
 * session is starting wait, in order. Emits what the start emits (a rebuilt session's results);
 * completes when the commands complete and the start has, or at once when the start finds the
 * session gone. Applying a command emits nothing, so no inner observable is made per command
 * (`concatMap` did, ten thousand a second at a thousand sessions).
 */
function applyOnceStarted(
  start$: Observable<SessionOutput | typeof GONE>,
  apply: (command: SessionCommand) => void,
): OperatorFunction<SessionCommand, SessionOutput> {
  return (commands$) =>
    new Observable<SessionOutput>((subscriber) => {
      let waiting: SessionCommand[] | undefined = [];
      let commandsEnded = false;
      const completeIfDone = () => {
        if (commandsEnded && waiting === undefined) subscriber.complete();
      };
      subscriber.add(
        start$.subscribe({
          next: (output) => (output.kind === 'gone' ? subscriber.complete() : subscriber.next(output)),
          error: (error: unknown) => subscriber.error(error),
          complete: () => {
            const arrived = waiting ?? [];
            waiting = undefined;
            for (const command of arrived) apply(command);
            completeIfDone();
          },
        }),
      );
      if (subscriber.closed) return;
      subscriber.add(
        commands$.subscribe({
          next: (command) => (waiting ? waiting.push(command) : apply(command)),
          error: (error: unknown) => subscriber.error(error),
          complete: () => {
            commandsEnded = true;
            completeIfDone();
          },
        }),
      );
    });
}
