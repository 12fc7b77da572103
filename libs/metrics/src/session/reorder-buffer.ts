interface Entry<Item> {
  readonly at: number;
  /** Arrival order: items with the same event time leave in the order they came. */
  readonly seq: number;
  readonly item: Item;
}

/**
 * Holds items until the watermark passes their event time, then releases them in event-time
 * order (a binary min-heap, so push and release cost O(log n)). Its size is what arrives within
 * the allowed lateness, not the session's length.
 */
export class ReorderBuffer<Item> {
  private readonly heap: Entry<Item>[] = [];
  private nextSeq = 0;

  get size(): number {
    return this.heap.length;
  }

  push(at: number, item: Item): void {
    this.heap.push({ at, seq: this.nextSeq++, item });
    this.siftUp(this.heap.length - 1);
  }

  /** Event time of the oldest item, if any. */
  peekTime(): number | undefined {
    return this.heap[0]?.at;
  }

  /** Removes and returns, oldest first, every item at or before `watermark`. */
  releaseUntil(watermark: number): Item[] {
    const released: Item[] = [];
    while (this.heap.length > 0 && this.heap[0].at <= watermark) released.push(this.pop());
    return released;
  }

  private pop(): Item {
    const top = this.heap[0];
    const last = this.heap.pop() as Entry<Item>;
    if (this.heap.length > 0) {
      this.heap[0] = last;
      this.siftDown(0);
    }
    return top.item;
  }

  private before(a: Entry<Item>, b: Entry<Item>): boolean {
    return a.at < b.at || (a.at === b.at && a.seq < b.seq);
  }

  private siftUp(index: number): void {
    const heap = this.heap;
    while (index > 0) {
      const parent = (index - 1) >> 1;
      if (!this.before(heap[index], heap[parent])) return;
      [heap[index], heap[parent]] = [heap[parent], heap[index]];
      index = parent;
    }
  }

  private siftDown(index: number): void {
    const heap = this.heap;
    for (;;) {
      const left = index * 2 + 1;
      const right = left + 1;
      let smallest = index;
      if (left < heap.length && this.before(heap[left], heap[smallest])) smallest = left;
      if (right < heap.length && this.before(heap[right], heap[smallest])) smallest = right;
      if (smallest === index) return;
      [heap[index], heap[smallest]] = [heap[smallest], heap[index]];
      index = smallest;
    }
  }
}
