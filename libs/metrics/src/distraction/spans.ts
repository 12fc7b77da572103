/** A stretch of event time, epoch ms. */
export interface TimeSpan {
  start: number;
  end: number;
}

/** The parts of `span` not covered by any of `holes`, in time order. */
export function subtractSpans(span: TimeSpan, holes: readonly TimeSpan[]): TimeSpan[] {
  let pieces: TimeSpan[] = [{ start: span.start, end: span.end }];
  for (const hole of holes) {
    pieces = pieces.flatMap((piece) => {
      if (hole.end <= piece.start || hole.start >= piece.end) return [piece];
      const left = { start: piece.start, end: Math.max(piece.start, hole.start) };
      const right = { start: Math.min(piece.end, hole.end), end: piece.end };
      return [left, right].filter((part) => part.end > part.start);
    });
  }
  return pieces.sort((a, b) => a.start - b.start);
}
