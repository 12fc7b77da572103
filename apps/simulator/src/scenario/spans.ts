import { totalSeconds, unionOfSpans, type TimeSpan } from '@attune/metrics/speaking/testing';

// Stretches of simulated time, in seconds from the session's start (the RTTM convention).
export { totalSeconds, unionOfSpans, type TimeSpan };

export function span(startSeconds: number, endSeconds: number): TimeSpan {
  return { startSeconds, endSeconds };
}

export function overlapsAny(candidate: TimeSpan, spans: readonly TimeSpan[], marginSeconds = 0): boolean {
  return spans.some(
    (other) =>
      candidate.startSeconds < other.endSeconds + marginSeconds &&
      other.startSeconds < candidate.endSeconds + marginSeconds,
  );
}

export function contains(spans: readonly TimeSpan[], atSeconds: number): boolean {
  return spans.some((other) => other.startSeconds <= atSeconds && atSeconds < other.endSeconds);
}

/** The first start of a span in `spans` after `atSeconds` (Infinity when none). */
export function nextStartAfter(spans: readonly TimeSpan[], atSeconds: number): number {
  let next = Infinity;
  for (const other of spans) if (other.startSeconds > atSeconds) next = Math.min(next, other.startSeconds);
  return next;
}

/** `spans` with every part inside `removed` cut out (both sorted or not; the result is sorted). */
export function subtractSpans(spans: readonly TimeSpan[], removed: readonly TimeSpan[]): TimeSpan[] {
  const cuts = unionOfSpans(removed);
  const result: TimeSpan[] = [];
  for (const piece of unionOfSpans(spans)) {
    let start = piece.startSeconds;
    for (const cut of cuts) {
      if (cut.endSeconds <= start || cut.startSeconds >= piece.endSeconds) continue;
      if (cut.startSeconds > start) result.push(span(start, cut.startSeconds));
      start = Math.max(start, cut.endSeconds);
    }
    if (start < piece.endSeconds) result.push(span(start, piece.endSeconds));
  }
  return result;
}

/** `spans` cut to [from, to). */
export function clipSpans(spans: readonly TimeSpan[], fromSeconds: number, toSeconds: number): TimeSpan[] {
  return spans
    .map((piece) => span(Math.max(piece.startSeconds, fromSeconds), Math.min(piece.endSeconds, toSeconds)))
    .filter((piece) => piece.endSeconds > piece.startSeconds);
}
