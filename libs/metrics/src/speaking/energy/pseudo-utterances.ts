import { isSpeechWatermark, type SpeakingFractionEstimate, type SpeechInput, type Utterance } from '../types';

/** Pieces closer than this are one utterance (rounding of fractional milliseconds). */
const TOUCH_TOLERANCE_MS = 1;

/**
 * Turns fractional speaking seconds into pseudo-utterances, so that turn-taking metrics work
 * the same on energy stats as on device utterances, and the talk time they add up to is exactly
 * the sum of the fractions.
 *
 * A report interval says how much speech it held, not where. The estimate's neighbour hints
 * place it, contiguously:
 * - speech that crosses the interval's start (the previous interval's speech ran to its end)
 *   continues from the start: [start, start + d];
 * - speech that runs on into the next interval is put at the end: [end − d, end];
 * - both: the silence is a pause in the middle, d/2 at each end;
 * - neither (a short utterance on its own): centred.
 * Pieces that touch join across intervals into one utterance. An open utterance is emitted in
 * chunks of at most `maxUtteranceSeconds` (adjacent chunks merge again into one turn), so live
 * talk time lags a monologue by seconds, not by its length.
 *
 * After each interval it emits a watermark: the participant's speech before it is complete.
 */
export class PseudoUtteranceBuilder {
  private open: { start: number; end: number } | undefined;
  private lastEnd: number | undefined;

  constructor(
    private readonly participantId: string,
    private readonly maxUtteranceSeconds = 5,
  ) {}

  push(estimate: SpeakingFractionEstimate): SpeechInput[] {
    const output: SpeechInput[] = [];
    if (this.open && estimate.start - this.open.end > TOUCH_TOLERANCE_MS) output.push(...this.closeOpen());
    for (const piece of placeSpeech(estimate)) {
      if (this.open && piece.start - this.open.end <= TOUCH_TOLERANCE_MS) {
        this.open.end = Math.max(this.open.end, piece.end);
      } else {
        output.push(...this.closeOpen());
        this.open = { ...piece };
      }
      if (this.open.end - this.open.start >= this.maxUtteranceSeconds * 1000) output.push(...this.closeOpen());
    }
    if (this.open && this.open.end < estimate.end - TOUCH_TOLERANCE_MS) output.push(...this.closeOpen());
    this.lastEnd = estimate.end;
    output.push({ kind: 'watermark', participantId: this.participantId, at: this.open?.start ?? estimate.end });
    return output;
  }

  /** Emits what is still open (the member left, or the session ended) and a watermark after it. */
  flush(): SpeechInput[] {
    const output: SpeechInput[] = this.closeOpen();
    // Without anything open, the last push's watermark already covers everything.
    if (output.length > 0 && this.lastEnd !== undefined) {
      output.push({ kind: 'watermark', participantId: this.participantId, at: this.lastEnd });
    }
    return output;
  }

  private closeOpen(): Utterance[] {
    const open = this.open;
    this.open = undefined;
    if (!open || open.end <= open.start) return [];
    return [{ participantId: this.participantId, start: open.start, end: open.end }];
  }
}

/** Where in its interval the estimate's speech goes (see PseudoUtteranceBuilder). */
export function placeSpeech(estimate: SpeakingFractionEstimate): Array<{ start: number; end: number }> {
  const { start, end, touchesStart, touchesEnd } = estimate;
  const speechMs = Math.min(end - start, estimate.speakingSeconds * 1000);
  if (!(speechMs > 0)) return [];
  if (speechMs >= end - start - TOUCH_TOLERANCE_MS) return [{ start, end }];
  if (touchesStart && touchesEnd) {
    return [
      { start, end: start + speechMs / 2 },
      { start: end - speechMs / 2, end },
    ];
  }
  if (touchesStart) return [{ start, end: start + speechMs }];
  if (touchesEnd) return [{ start: end - speechMs, end }];
  const middle = (start + end) / 2;
  return [{ start: middle - speechMs / 2, end: middle + speechMs / 2 }];
}

/** Batch form: the pseudo-utterances of one member's estimates (watermarks dropped). */
export function pseudoUtterancesFromEstimates(
  participantId: string,
  estimates: Iterable<SpeakingFractionEstimate>,
  maxUtteranceSeconds?: number,
): Utterance[] {
  const builder = new PseudoUtteranceBuilder(participantId, maxUtteranceSeconds);
  const utterances: Utterance[] = [];
  const keep = (inputs: SpeechInput[]) => {
    for (const input of inputs) if (!isSpeechWatermark(input)) utterances.push(input);
  };
  for (const estimate of estimates) keep(builder.push(estimate));
  keep(builder.flush());
  return utterances;
}
