import type { SpeakingParameters } from '../parameters';
import type { Turn } from '../types';

type TimeSpan = Pick<Turn, 'start' | 'end'>;

/** Milliseconds during which both turns were going on (0 when they do not overlap). */
export function overlapMs(a: TimeSpan, b: TimeSpan): number {
  return Math.max(0, Math.min(a.end, b.end) - Math.max(a.start, b.start));
}

/**
 * B interrupted A: B came in while A was speaking (B starts after A), they overlapped by more
 * than the minimum, B held the floor for long (B's turn above the minimum) and A gave way
 * (A stopped first).
 */
export function isInterruption(
  interrupted: TimeSpan,
  interrupter: TimeSpan,
  parameters: Pick<SpeakingParameters, 'interruptionMinOverlapSeconds' | 'interrupterMinTurnSeconds'>,
): boolean {
  return (
    interrupter.start > interrupted.start &&
    interrupted.end < interrupter.end &&
    interrupter.end - interrupter.start > parameters.interrupterMinTurnSeconds * 1000 &&
    overlapMs(interrupted, interrupter) > parameters.interruptionMinOverlapSeconds * 1000
  );
}

/**
 * B affirmed A: a short turn of B ("mm-hm", "yes") overlapping A's turn and over before A's
 * ends, so A kept the floor. Judged on B's turn (a merged run of utterances): a short
 * utterance that is part of a longer turn is B taking the floor, not affirming.
 */
export function isAffirmation(
  speaker: TimeSpan,
  affirmer: TimeSpan,
  parameters: Pick<SpeakingParameters, 'affirmationMinOverlapSeconds' | 'affirmationMaxSeconds'>,
): boolean {
  return (
    affirmer.end - affirmer.start < parameters.affirmationMaxSeconds * 1000 &&
    affirmer.end < speaker.end &&
    overlapMs(speaker, affirmer) > parameters.affirmationMinOverlapSeconds * 1000
  );
}

/**
 * `next` takes the floor after `previous`: it starts after `previous` started, goes on after
 * `previous` ended, and starts at most the maximum gap after `previous` ended (a start inside
 * `previous` is an overlapping hand-over). Returns the gap in ms (negative when overlapping),
 * or undefined when `next` does not follow `previous`.
 */
export function transitionGapMs(
  previous: TimeSpan,
  next: TimeSpan,
  parameters: Pick<SpeakingParameters, 'transitionMaxGapSeconds'>,
): number | undefined {
  const gapMs = next.start - previous.end;
  if (next.start <= previous.start || next.end <= previous.end) return undefined;
  return gapMs <= parameters.transitionMaxGapSeconds * 1000 ? gapMs : undefined;
}

/** A response latency is a non-negative gap no longer than the maximum. */
export function responseLatencySeconds(
  gapMs: number,
  parameters: Pick<SpeakingParameters, 'responseLatencyMaxSeconds'>,
): number | undefined {
  return gapMs >= 0 && gapMs <= parameters.responseLatencyMaxSeconds * 1000 ? gapMs / 1000 : undefined;
}
