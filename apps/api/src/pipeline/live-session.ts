import {
  eventTimeOf,
  isEmptyProgress,
  type SessionAnalyzerApi,
  type SessionProgress,
  type SessionSnapshot,
} from './analyzer';
import { EnvelopeOrder } from './envelope-order';
import { EventTimeClock } from './event-time-clock';
import type { MessagesCommand } from './session-commands';
import type { EstimatedUtterance, FinalResults, SessionOutput, SnapshotSource } from './session-output';

/** Where a live session reports a failure of its analyzer: logged, never thrown into the graph. */
export type SessionFailureLog = (
  sessionId: string,
  step: 'push' | 'tick' | 'finish' | 'results',
  error: unknown,
) => void;

interface Arrival {
  readonly command: MessagesCommand;
  readonly arrivedAt: number;
}

/**
 * One session's working state: its analyzer, its event-time clock, each participant's envelopes
 * put back in the order they were sent and, per participant, the seq of their latest envelope
 * (memory stays bounded per participant). Every method is synchronous; the rxjs graph decides
 * when each runs.
 */
export class LiveSession implements SnapshotSource {
  private readonly clock = new EventTimeClock();
  private readonly order: EnvelopeOrder<Arrival>;
  private readonly latestSeqs = new Map<string, number>();
  private lastAt = Number.NEGATIVE_INFINITY;
  /** A tick has made a snapshot, and the session has not finished. */
  private hasSnapshot = false;

  /** `maxWaitForMissingMs`: how long envelopes sent after a missing one wait for it (the allowed lateness). */
  constructor(
    readonly sessionId: string,
    private readonly analyzer: SessionAnalyzerApi,
    private readonly logFailure: SessionFailureLog,
    maxWaitForMissingMs = 5_000,
  ) {
    this.order = new EnvelopeOrder(maxWaitForMissingMs);
  }

  /** A live envelope, arrived at `arrivedAt` (processing time): applied in its participant's seq order. */
  apply(command: MessagesCommand, arrivedAt: number): void {
    if (command.seq === undefined) return this.deliver({ command, arrivedAt });
    for (const arrival of this.order.arrive(command.participantId, command.seq, { command, arrivedAt }, arrivedAt)) {
      this.deliver(arrival);
    }
  }

  /**
   * Stored messages, replayed after a restart in event-time order (`arrivedAt`: the row's
   * received_at): applied as they come; live envelopes continue after their seqs.
   */
  replay(command: MessagesCommand, arrivedAt: number): void {
    if (command.seq !== undefined) this.order.passed(command.participantId, command.seq);
    this.deliver({ command, arrivedAt });
  }

  /** Envelopes waiting for a missing one of their participant (for the bounded-memory tests). */
  get heldEnvelopes(): number {
    return this.order.heldCount;
  }

  private deliver({ command, arrivedAt }: Arrival): void {
    if (command.seq !== undefined) this.latestSeqs.set(command.participantId, command.seq);
    for (const input of command.inputs) {
      try {
        this.analyzer.push(input);
      } catch (error) {
        // One message the analyzer cannot take must not stop the session's live view.
        this.logFailure(this.sessionId, 'push', error);
        continue;
      }
      this.clock.observe(eventTimeOf(input.message), arrivedAt);
    }
  }

  /** Moves the watermark to event time `at`; returns what became final. */
  advanceTo(at: number): FinalResults | undefined {
    return this.resultsOf(this.analyzer.advanceTo(at));
  }

  /** The once-a-second step: final results (if any), then the snapshot. Nothing before the first data. */
  tick(now: number): SessionOutput[] {
    for (const arrival of this.order.expire(now)) this.deliver(arrival);
    const at = this.clock.estimate(now);
    if (at === undefined) return [];
    this.lastAt = Math.max(this.lastAt, at);
    try {
      const results = this.advanceTo(this.lastAt);
      const snapshot = this.analyzer.snapshot(this.lastAt);
      this.hasSnapshot = true;
      return [
        ...(results ? [{ kind: 'results' as const, sessionId: this.sessionId, results }] : []),
        { kind: 'snapshot', snapshot, source: this },
      ];
    } catch (error) {
      this.logFailure(this.sessionId, 'tick', error);
      return [];
    }
  }

  /**
   * The live view as of the latest tick, built now. Building a snapshot has no side effects,
   * and between ticks the analysis moves only if its buffer overflows, so this is the tick's
   * snapshot, with the late messages that arrived since counted. Undefined before the first
   * snapshot and once the session has finished.
   */
  latestSnapshot(): SessionSnapshot | undefined {
    if (!this.hasSnapshot) return undefined;
    try {
      return this.analyzer.snapshot(this.lastAt);
    } catch (error) {
      this.logFailure(this.sessionId, 'tick', error);
      return undefined;
    }
  }

  /**
   * The session ended: everything closes at the current event time and the analyzer is done.
   * The live view as it last was goes with the report.
   */
  finish(now: number): SessionOutput[] {
    const lastSnapshot = this.latestSnapshot();
    this.hasSnapshot = false;
    const ended = { kind: 'ended' as const, sessionId: this.sessionId, ...(lastSnapshot && { lastSnapshot }) };
    for (const arrival of this.order.takeEverything()) this.deliver(arrival);
    const estimate = this.clock.estimate(now);
    if (estimate === undefined) return [ended];
    const at = Math.max(this.lastAt, estimate);
    try {
      const { progress, report } = this.analyzer.finish(at);
      const results = this.resultsOf(progress);
      return [
        ...(results ? [{ kind: 'results' as const, sessionId: this.sessionId, results }] : []),
        { ...ended, report },
      ];
    } catch (error) {
      this.logFailure(this.sessionId, 'finish', error);
      return [ended];
    }
  }

  private resultsOf(progress: SessionProgress): FinalResults | undefined {
    if (isEmptyProgress(progress)) return undefined;
    const estimatedUtterances: EstimatedUtterance[] = [];
    for (const utterance of progress.estimatedUtterances) {
      const seq = this.latestSeqs.get(utterance.participantId);
      if (seq !== undefined) {
        estimatedUtterances.push({ ...utterance, seq });
      } else {
        // Estimated from the speaker's own stats, so their seq is known. Without one the row
        // could only be stored with an invented seq, which ingest would take as received.
        this.logFailure(
          this.sessionId,
          'results',
          new Error('an estimated utterance of a participant who sent nothing'),
        );
      }
    }
    return { windows: progress.windows, episodes: progress.episodes, estimatedUtterances };
  }
}
