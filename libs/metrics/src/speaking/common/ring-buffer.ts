/** The last `capacity` items, oldest dropped first: bounded memory for "recent" lookups. */
export class RingBuffer<Item> {
  private readonly items: Item[] = [];
  private next = 0;

  constructor(private readonly capacity: number) {
    if (!(capacity >= 1)) throw new RangeError('a ring buffer needs a capacity of at least 1');
  }

  push(item: Item): void {
    if (this.items.length < this.capacity) this.items.push(item);
    else this.items[this.next] = item;
    this.next = (this.next + 1) % this.capacity;
  }

  get size(): number {
    return this.items.length;
  }

  /** Newest first. */
  *newestFirst(): IterableIterator<Item> {
    for (let offset = 1; offset <= this.items.length; offset++) {
      yield this.items[(this.next - offset + this.capacity * 2) % this.capacity];
    }
  }
}
