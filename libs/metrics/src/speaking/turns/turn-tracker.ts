import type { SpeakingParameters } from '../parameters';
import { isSpeechWatermark, type SpeechInput, type Turn, type TurnUpdate, type Utterance } from '../types';

type TurnParameters = Pick<SpeakingParameters, 'turnMergeGapSeconds' | 'substantiveTurnMinSeconds'>;

interface OpenTurn {
  start: number;
  end: number;
  speakingMs: number;
  utteranceCount: number;
}

/**
 * Merges each participant's utterances into turns across gaps shorter than the merge gap.
 *
 * A turn stays open while its speaker may still continue: it closes when the speaker's next
 * utterance starts a merge gap or more after it, or when a watermark says nothing starting
 * before end + gap can still arrive. Every change is reported (`open`, then once `closed`), so
 * live consumers see a monologue grow. One open turn per participant: memory does not grow
 * with the session.
 *
 * Utterances of one participant are expected in time order; one that ends before the open
 * turn starts (a late delivery) becomes a closed turn of its own.
 */
export class TurnTracker {
  private readonly openTurns = new Map<string, OpenTurn>();
  private readonly mergeGapMs: number;
  private readonly substantiveMs: number;

  constructor(parameters: TurnParameters) {
    this.mergeGapMs = parameters.turnMergeGapSeconds * 1000;
    this.substantiveMs = parameters.substantiveTurnMinSeconds * 1000;
  }

  push(input: SpeechInput): TurnUpdate[] {
    return isSpeechWatermark(input) ? this.advance(input.at, input.participantId) : this.addUtterance(input);
  }

  /** Closes every open turn (session end). */
  flush(): TurnUpdate[] {
    const closed: TurnUpdate[] = [];
    for (const [participantId, open] of this.openTurns) closed.push(this.toUpdate(participantId, open, 'closed'));
    this.openTurns.clear();
    return closed;
  }

  /** Closes the participant's open turn now (they left). */
  close(participantId: string): TurnUpdate[] {
    const open = this.openTurns.get(participantId);
    if (!open) return [];
    this.openTurns.delete(participantId);
    return [this.toUpdate(participantId, open, 'closed')];
  }

  private addUtterance(utterance: Utterance): TurnUpdate[] {
    if (!(utterance.end > utterance.start)) return [];
    const { participantId } = utterance;
    const open = this.openTurns.get(participantId);
    if (open && utterance.end < open.start) {
      return [this.toUpdate(participantId, fromUtterance(utterance), 'closed')];
    }
    if (open && utterance.start - open.end < this.mergeGapMs) {
      // Count only the part not already covered: overlapping utterances are not double talk.
      open.speakingMs += Math.max(0, utterance.end - Math.max(utterance.start, open.end));
      open.start = Math.min(open.start, utterance.start);
      open.end = Math.max(open.end, utterance.end);
      open.utteranceCount += 1;
      return [this.toUpdate(participantId, open, 'open')];
    }
    const updates = open ? [this.toUpdate(participantId, open, 'closed')] : [];
    const started = fromUtterance(utterance);
    this.openTurns.set(participantId, started);
    updates.push(this.toUpdate(participantId, started, 'open'));
    return updates;
  }

  private advance(at: number, participantId: string | undefined): TurnUpdate[] {
    const closed: TurnUpdate[] = [];
    for (const [id, open] of this.openTurns) {
      if (participantId !== undefined && id !== participantId) continue;
      if (at - open.end >= this.mergeGapMs) {
        this.openTurns.delete(id);
        closed.push(this.toUpdate(id, open, 'closed'));
      }
    }
    return closed;
  }

  private toUpdate(participantId: string, open: OpenTurn, status: TurnUpdate['status']): TurnUpdate {
    const durationMs = open.end - open.start;
    return {
      participantId,
      start: open.start,
      end: open.end,
      durationSeconds: durationMs / 1000,
      speakingSeconds: open.speakingMs / 1000,
      utteranceCount: open.utteranceCount,
      substantive: durationMs >= this.substantiveMs,
      status,
    };
  }
}

function fromUtterance(utterance: Utterance): OpenTurn {
  return {
    start: utterance.start,
    end: utterance.end,
    speakingMs: utterance.end - utterance.start,
    utteranceCount: 1,
  };
}

/** Batch form: all turns of a set of utterances, sorted by start. */
export function mergeUtterancesIntoTurns(utterances: Iterable<Utterance>, parameters: TurnParameters): Turn[] {
  const sorted = [...utterances].sort((a, b) => a.start - b.start || a.end - b.end);
  const tracker = new TurnTracker(parameters);
  const turns: Turn[] = [];
  const keepClosed = (updates: TurnUpdate[]) => {
    for (const { status, ...turn } of updates) if (status === 'closed') turns.push(turn);
  };
  for (const utterance of sorted) keepClosed(tracker.push(utterance));
  keepClosed(tracker.flush());
  return turns.sort((a, b) => a.start - b.start || a.end - b.end);
}
