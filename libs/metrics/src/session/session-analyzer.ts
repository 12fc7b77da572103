import { MAX_CLOCK_JUMP_MS } from '../connectivity';
import { resolveAnalyzerOptions, type ResolvedAnalyzerOptions } from './analyzer-options';
import { applyMessage, type HeldInput } from './apply-message';
import { emitBoundaryWindows } from './boundary-windows';
import { eventTimeOf } from './message-time';
import { ReorderBuffer } from './reorder-buffer';
import type {
  SessionAnalyzerApi,
  SessionAnalyzerOptions,
  SessionInput,
  SessionProgress,
  SessionReport,
  SessionSnapshot,
} from './session-analyzer.contract';
import { SessionContext } from './session-context';
import { buildSessionReport } from './session-report';
import { buildSessionSnapshot } from './session-snapshot';
import { HeldStats, StatsReader } from './stats-reader';

/**
 * One session's analysis on event time (docs/metrics.md "Session analyzer"). Messages wait in a
 * reorder buffer until the watermark (event time reached − allowed lateness) passes them, then
 * run through every participant's metrics and the session-wide ones in event-time order. Stats
 * reports are read as they arrive and wait as their digest (see StatsReader).
 * Windows close once the watermark has passed them and speech is complete up to their end.
 *
 * Memory per participant is constant whatever the session's length (see `footprint()`); the
 * buffer holds what arrives within the lateness.
 */
export class SessionAnalyzer implements SessionAnalyzerApi {
  private readonly options: ResolvedAnalyzerOptions;
  private readonly context: SessionContext;
  private readonly buffer = new ReorderBuffer<HeldInput>();
  /** Per participant, what reads their stats reports as they arrive. */
  private readonly statsReaders = new Map<string, StatsReader>();
  private watermark = -Infinity;
  /**
   * Per participant, the newest event time they have sent: the watermark need not wait the whole
   * lateness for data that everyone still sending has already passed (see `watermarkFor`).
   */
  private readonly newestBySource = new Map<string, number>();
  /** Everyone's speech is complete (delivered to the speaking analysis) up to here. */
  private speechWatermark = -Infinity;
  /** End of the next window to emit; undefined until the first message is applied. */
  private nextBoundary: number | undefined;
  private firstEventAt: number | undefined;
  private lateMessages = 0;
  private invalidMessages = 0;
  private finished = false;

  constructor(options: SessionAnalyzerOptions) {
    this.options = resolveAnalyzerOptions(options);
    this.context = new SessionContext(this.options);
  }

  push(input: SessionInput): void {
    if (this.finished) throw new Error('SessionAnalyzer: push after finish');
    const at = eventTimeOf(input.message);
    if (!Number.isFinite(at)) {
      this.invalidMessages += 1;
      return;
    }
    this.firstEventAt = Math.min(this.firstEventAt ?? at, at);
    const newest = this.newestBySource.get(input.participantId);
    if (saysGoodbye(input.message)) this.newestBySource.delete(input.participantId);
    else if (newest === undefined || at > newest) this.newestBySource.set(input.participantId, at);
    const late = at < this.watermark;
    if (late) this.lateMessages += 1;
    this.buffer.push(at, this.held(input, late));
    if (this.buffer.size > this.options.maxBufferedMessages) this.release(this.buffer.peekTime() ?? at);
  }

  advanceTo(eventTimeMs: number): SessionProgress {
    if (this.finished) throw new Error('SessionAnalyzer: advanceTo after finish');
    if (Number.isFinite(eventTimeMs)) this.release(this.watermarkFor(eventTimeMs));
    return this.context.progress.take();
  }

  snapshot(eventTimeMs: number): SessionSnapshot {
    const at = Math.max(eventTimeMs, this.watermark);
    return buildSessionSnapshot(this.context, {
      at: Number.isFinite(at) ? at : (this.firstEventAt ?? 0),
      watermark: this.watermark,
      lateMessages: this.lateMessages,
    });
  }

  finish(endMs: number): { progress: SessionProgress; report: SessionReport } {
    if (this.finished) throw new Error('SessionAnalyzer: finish called twice');
    this.finished = true;
    const context = this.context;
    for (const held of this.buffer.releaseUntil(Infinity)) apply(context, held);
    const end = Math.max(Number.isFinite(endMs) ? endMs : -Infinity, context.clock, this.watermark);
    const sessionEnd = Number.isFinite(end) ? end : 0;
    this.watermark = sessionEnd;

    for (const participant of context.participants.values()) {
      context.applyEstimatedSpeech(participant.flushEnergy());
    }
    context.applySpeaking({ kind: 'session-end', at: sessionEnd });
    context.applyDistraction({ type: 'session-end', at: sessionEnd });
    for (const participant of context.participants.values()) participant.connectivity.finish(sessionEnd);
    if (this.nextBoundary !== undefined) {
      this.emitWindowsUntil(Math.ceil(sessionEnd / this.options.windowMs) * this.options.windowMs);
    }
    const report = buildSessionReport(context, {
      startedAt: this.firstEventAt ?? sessionEnd,
      endedAt: sessionEnd,
      lateMessages: this.lateMessages,
    });
    return { progress: context.progress.take(), report };
  }

  /** Sizes of every structure that could grow, for tests and diagnostics. */
  footprint(): { session: Record<string, number>; participants: Record<string, Record<string, number>> } {
    const participants: Record<string, Record<string, number>> = {};
    for (const [id, participant] of this.context.participants) {
      participants[id] = {
        ...participant.connectivity.footprint(),
        ...this.statsReaders.get(id)?.footprint(),
      };
    }
    return {
      session: {
        buffered: this.buffer.size,
        participants: this.context.participants.size,
        sources: this.newestBySource.size,
        pendingProgress: this.context.progress.pending,
        ongoingEpisodes: this.context.distraction.ongoing(this.watermark).length,
        invalidMessages: this.invalidMessages,
      },
      participants,
    };
  }

  /** What the buffer keeps of `input`: a stats report is read now, so that only its digest waits. */
  private held(input: SessionInput, late: boolean): HeldInput {
    const { participantId, role, message } = input;
    if (message.kind !== 'stats') return { participantId, role, message, late };
    let reader = this.statsReaders.get(participantId);
    if (!reader) {
      reader = new StatsReader();
      this.statsReaders.set(participantId, reader);
    }
    return reader.read(participantId, role, message, late);
  }

  /**
   * Where the watermark may go once event time has reached `reached`. At most the lateness behind
   * it, as PRODUCT.md bounds; but each participant sends their own messages in order, so nothing
   * is still to come from a participant before their newest message (less a margin for the little
   * disorder between one device's messages). Each participant heard from within twice the
   * lateness holds it back that far, and one who is behind by more than the lateness holds it at
   * the bound: a participant falling behind moves the watermark no further than the fixed
   * lateness did, and what they send next is late no sooner than it was. Someone silent for longer
   * (dropped, a throttled hidden tab) no longer holds it, nor does anyone who said goodbye.
   * With everyone reporting once a second this releases messages about two seconds after their
   * time instead of five: fresher snapshots, and far fewer messages held.
   */
  private watermarkFor(reached: number): number {
    const bound = reached - this.options.latenessMs;
    const heardFromSince = bound - this.options.latenessMs;
    let watermark = Infinity;
    for (const newest of this.newestBySource.values()) {
      if (newest >= heardFromSince) watermark = Math.min(watermark, newest - this.options.sourceDisorderMs);
    }
    if (watermark === Infinity) return bound;
    return Math.max(bound, Math.min(reached, watermark));
  }

  /** Moves the watermark to `watermark` (never back) and applies what it passes. */
  private release(watermark: number): void {
    const context = this.context;
    this.watermark = Math.max(this.watermark, watermark);
    for (const held of this.buffer.releaseUntil(this.watermark)) {
      apply(context, held);
      if (this.nextBoundary === undefined) {
        const windowMs = this.options.windowMs;
        this.nextBoundary = Math.floor(context.clock / windowMs) * windowMs + windowMs;
      }
    }
    if (!Number.isFinite(this.watermark) || this.nextBoundary === undefined) return;

    for (const participant of context.participants.values()) {
      if (participant.connectivity.started) participant.connectivity.apply({ type: 'tick', at: this.watermark });
      if (participant.energyStalledAt(this.watermark)) context.applyEstimatedSpeech(participant.flushEnergy());
    }
    this.advanceSpeech();
    this.emitWindowsUntil(this.speechWatermark);
  }

  /**
   * Device utterances arrive at their end in chunks of at most `maxDeviceUtteranceSeconds`, so
   * everything starting before watermark − that has arrived; the energy path says itself how far
   * its pseudo-utterances are complete. One watermark for everyone closes turns in step, so a
   * transition is never judged before the turn it answers has closed.
   */
  private advanceSpeech(): void {
    let complete = this.watermark - this.options.maxDeviceUtteranceMs;
    for (const participant of this.context.participants.values()) {
      const energyComplete = participant.energy?.completeUntil;
      if (energyComplete !== undefined) complete = Math.min(complete, energyComplete);
    }
    if (complete <= this.speechWatermark) return;
    this.speechWatermark = complete;
    this.context.applySpeaking({ kind: 'watermark', at: complete });
  }

  private emitWindowsUntil(until: number): void {
    const windowMs = this.options.windowMs;
    if (this.nextBoundary === undefined) return;
    // A clock that jumps hours ahead (a corrupt timestamp, recordings of different days) must
    // not emit thousands of empty windows; the connectivity windows ignore such jumps too.
    if (until - this.nextBoundary > MAX_CLOCK_JUMP_MS) this.nextBoundary = Math.floor(until / windowMs) * windowMs;
    for (; this.nextBoundary <= until; this.nextBoundary += windowMs) {
      emitBoundaryWindows(this.context, this.nextBoundary);
    }
  }
}

/** Applies a held message; a stats digest then goes back to its reader for reuse. */
function apply(context: SessionContext, held: HeldInput): void {
  applyMessage(context, held);
  if (held instanceof HeldStats) held.release();
}

/** A leave that is not a closed page: the participant sends nothing more until they join again. */
function saysGoodbye(message: SessionInput['message']): boolean {
  return message.kind === 'leave' && message.reason !== 'page-closed';
}
