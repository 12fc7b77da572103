import type { SpeakingSnapshot } from '@attune/metrics';
import type {
  MetricWindowOutput,
  SessionAnalyzerApi,
  SessionInput,
  SessionProgress,
  SessionReport,
  SessionSnapshot,
} from '../analyzer';
import { eventTimeOf } from '../analyzer';

const WINDOW_MS = 10_000;

/**
 * A stand-in for the SessionAnalyzer where the pipeline's wiring is under test, not the
 * metrics: it counts messages, closes a session-level 10 s window each time the watermark
 * (event time − lateness) passes one, and records what it was asked.
 */
export class FakeAnalyzer implements SessionAnalyzerApi {
  readonly pushed: SessionInput[] = [];
  readonly advancedTo: number[] = [];
  finishedAt: number | undefined;
  private watermark = Number.NEGATIVE_INFINITY;
  private nextWindowStart: number | undefined;

  constructor(
    readonly sessionId: string,
    private readonly latenessMs = 5_000,
  ) {}

  push(input: SessionInput): void {
    this.pushed.push(input);
    const at = eventTimeOf(input.message);
    this.nextWindowStart ??= Math.floor(at / WINDOW_MS) * WINDOW_MS;
  }

  advanceTo(eventTimeMs: number): SessionProgress {
    this.advancedTo.push(eventTimeMs);
    this.watermark = Math.max(this.watermark, eventTimeMs - this.latenessMs);
    return { windows: this.closeWindowsUpTo(this.watermark), episodes: [], estimatedUtterances: [] };
  }

  snapshot(eventTimeMs: number): SessionSnapshot {
    return {
      sessionId: this.sessionId,
      at: Math.max(eventTimeMs, this.watermark),
      watermark: this.watermark,
      participants: [],
      speaking: {} as SpeakingSnapshot,
      lateMessages: this.pushed.length,
    };
  }

  finish(endMs: number): { progress: SessionProgress; report: SessionReport } {
    this.finishedAt = endMs;
    const windows = this.closeWindowsUpTo(Math.ceil(endMs / WINDOW_MS) * WINDOW_MS);
    return {
      progress: { windows, episodes: [], estimatedUtterances: [] },
      report: { session: { sessionId: this.sessionId, endedAt: endMs } } as SessionReport,
    };
  }

  private closeWindowsUpTo(until: number): MetricWindowOutput[] {
    const closed: MetricWindowOutput[] = [];
    while (this.nextWindowStart !== undefined && this.nextWindowStart + WINDOW_MS <= until) {
      const windowStart = this.nextWindowStart;
      const messages = this.pushed.filter((input) => {
        const at = eventTimeOf(input.message);
        return at >= windowStart && at < windowStart + WINDOW_MS;
      }).length;
      closed.push({ participantId: null, windowStart, windowSeconds: 10, metrics: { messages } });
      this.nextWindowStart += WINDOW_MS;
    }
    return closed;
  }
}
