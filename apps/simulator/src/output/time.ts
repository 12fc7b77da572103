import type { TimeSpan } from '../scenario/spans';

/** Epoch ms of `seconds` after the session's start, on whole milliseconds like Date.now(). */
export function epochMs(sessionStartMs: number, seconds: number): number {
  return sessionStartMs + Math.round(seconds * 1000);
}

/** How much of [from, to) the spans cover, in seconds. */
export function overlapSeconds(spans: readonly TimeSpan[], fromSeconds: number, toSeconds: number): number {
  let covered = 0;
  for (const piece of spans) {
    covered += Math.max(0, Math.min(piece.endSeconds, toSeconds) - Math.max(piece.startSeconds, fromSeconds));
  }
  return covered;
}
