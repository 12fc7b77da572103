/**
 * Holds items until the watermark passes their event time, then releases them in event-time
 * order, ties in arrival order. Its size is what arrives within the allowed lateness, not the
 * session's length.
 *
 * A sorted queue rather than a heap: messages nearly always arrive in event-time order, so a
 * push is an append and a release takes from the front, touching only the ends of two arrays
 * (with a thousand sessions, a heap's sift through entries scattered over memory cost more).
 * An item that arrives out of order is inserted after every item of its time or older (binary
 * search, then the newer items move up one). Times are kept in an array of their own, so no
 * object is made per item: with thousands of participants, such objects lived through the
 * whole lateness and were a good part of what the garbage collector had to copy.
 */
export class ReorderBuffer<Item> {
  private readonly times: number[] = [];
  private readonly items: Array<Item | undefined> = [];
  /** Index of the oldest item held; released slots before it are reclaimed in batches. */
  private head = 0;

  get size(): number {
    return this.times.length - this.head;
  }

  push(at: number, item: Item): void {
    const times = this.times;
    if (times.length === this.head || at >= times[times.length - 1]) {
      times.push(at);
      this.items.push(item);
      return;
    }
    let low = this.head;
    let high = times.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (times[middle] <= at) low = middle + 1;
      else high = middle;
    }
    times.splice(low, 0, at);
    this.items.splice(low, 0, item);
  }

  /** Event time of the oldest item, if any. */
  peekTime(): number | undefined {
    return this.head < this.times.length ? this.times[this.head] : undefined;
  }

  /** Removes and returns, oldest first, every item at or before `watermark`. */
  releaseUntil(watermark: number): Item[] {
    const { times, items } = this;
    const released: Item[] = [];
    let head = this.head;
    while (head < times.length && times[head] <= watermark) {
      released.push(items[head] as Item);
      items[head] = undefined; // not kept alive by the buffer once released
      head += 1;
    }
    this.head = head;
    this.reclaimReleased();
    return released;
  }

  /** Drops the released slots once they are at least half of the arrays (amortised O(1) per item). */
  private reclaimReleased(): void {
    const { times, items, head } = this;
    if (head === 0 || head * 2 < times.length) return;
    times.splice(0, head);
    items.splice(0, head);
    this.head = 0;
  }
}
