import { asyncScheduler, interval, Observable, type OperatorFunction, type SchedulerLike } from 'rxjs';
import { eventTimeOf } from './message-time';
import { SessionAnalyzer } from './session-analyzer';
import type {
  SessionAnalyzerOptions,
  SessionInput,
  SessionProgress,
  SessionReport,
  SessionSnapshot,
} from './session-analyzer.contract';

export type SessionAnalysisOutput =
  | { kind: 'progress'; progress: SessionProgress }
  | { kind: 'snapshot'; snapshot: SessionSnapshot }
  | { kind: 'report'; report: SessionReport };

export interface LiveClockOptions {
  /** Processing time between two advances (and snapshots). Default 1 s. */
  readonly periodMs?: number;
  readonly scheduler?: SchedulerLike;
}

/**
 * Live mode around a `SessionAnalyzer`: pushes every input, and once a period advances to the
 * session's current EVENT time — the latest event time seen plus the processing time elapsed
 * since it arrived (never the server's clock, so client clocks need not agree with it) — then
 * emits what became final (if anything) and a snapshot. When the inputs complete it finishes and
 * emits the last progress and the report. The watermark trails by the analyzer's lateness, so a
 * message delayed in transit longer than that is counted late.
 */
export function sessionAnalysis(
  options: SessionAnalyzerOptions,
  clock: LiveClockOptions = {},
): OperatorFunction<SessionInput, SessionAnalysisOutput> {
  const { periodMs = 1000, scheduler = asyncScheduler } = clock;
  return (inputs$) =>
    new Observable<SessionAnalysisOutput>((subscriber) => {
      const analyzer = new SessionAnalyzer(options);
      let anchor: { readonly eventAt: number; readonly arrivedAt: number } | undefined;
      const currentEventTime = () => (anchor ? anchor.eventAt + (scheduler.now() - anchor.arrivedAt) : undefined);
      const emitProgress = (progress: SessionProgress) => {
        const size = progress.windows.length + progress.episodes.length + progress.estimatedUtterances.length;
        if (size > 0) subscriber.next({ kind: 'progress', progress });
      };

      const ticks = interval(periodMs, scheduler).subscribe(() => {
        const now = currentEventTime();
        if (now === undefined) return;
        emitProgress(analyzer.advanceTo(now));
        subscriber.next({ kind: 'snapshot', snapshot: analyzer.snapshot(now) });
      });
      const inputs = inputs$.subscribe({
        next: (input) => {
          analyzer.push(input);
          const at = eventTimeOf(input.message);
          const now = currentEventTime();
          if (now === undefined || at >= now) anchor = { eventAt: at, arrivedAt: scheduler.now() };
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          ticks.unsubscribe();
          const { progress, report } = analyzer.finish(currentEventTime() ?? 0);
          emitProgress(progress);
          subscriber.next({ kind: 'report', report });
          subscriber.complete();
        },
      });
      return () => {
        ticks.unsubscribe();
        inputs.unsubscribe();
      };
    });
}
