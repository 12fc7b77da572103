/** At most `limit` holders at a time; the others wait in arrival order. */
export class Semaphore {
  private holders = 0;
  private readonly waiting: Array<() => void> = [];

  constructor(private readonly limit: number) {}

  /** Resolves with the function that releases the place. */
  async acquire(): Promise<() => void> {
    if (this.holders >= this.limit) await new Promise<void>((resolve) => this.waiting.push(resolve));
    else this.holders += 1;
    let released = false;
    return () => {
      if (released) return;
      released = true;
      const next = this.waiting.shift();
      // The place passes straight to the next waiter, so the count stays right.
      if (next) next();
      else this.holders -= 1;
    };
  }
}
