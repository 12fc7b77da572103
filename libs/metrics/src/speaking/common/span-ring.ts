/**
 * The last `capacity` time spans (epoch ms), oldest dropped first, kept as numbers in one typed
 * array, each with a small numeric mark (a flag, a kind). A ring of span objects kept every span
 * and its boxed start and end alive for the garbage collector to mark on every full collection:
 * with thousands of participants, each with dozens of recent turns, those were about a third of
 * the analyzers' live objects.
 */
export class SpanRing {
  /** start, end, mark for each slot. */
  private readonly values: Float64Array;
  private count = 0;
  private next = 0;

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('a ring of spans needs a capacity of at least 1');
    this.values = new Float64Array(capacity * 3);
  }

  push(start: number, end: number, mark = 0): void {
    const slot = this.next * 3;
    this.values[slot] = start;
    this.values[slot + 1] = end;
    this.values[slot + 2] = mark;
    this.next = (this.next + 1) % this.capacity;
    if (this.count < this.capacity) this.count += 1;
  }

  get size(): number {
    return this.count;
  }

  /** Start of the `offset`-th newest span (0: the newest; up to size − 1). */
  start(offset: number): number {
    return this.values[this.slot(offset)];
  }

  end(offset: number): number {
    return this.values[this.slot(offset) + 1];
  }

  mark(offset: number): number {
    return this.values[this.slot(offset) + 2];
  }

  /** The spans as objects, newest first: for callers that need a list (rarely, not per report). */
  spansNewestFirst(): { start: number; end: number }[] {
    const spans: { start: number; end: number }[] = [];
    for (let offset = 0; offset < this.count; offset++)
      spans.push({ start: this.start(offset), end: this.end(offset) });
    return spans;
  }

  private slot(offset: number): number {
    if (!(offset >= 0 && offset < this.count)) throw new RangeError(`no span at offset ${offset} of ${this.count}`);
    return ((this.next - 1 - offset + this.capacity) % this.capacity) * 3;
  }
}
