/** A mutex that serves waiters in arrival order, with an optional time limit on waiting. */
export class FifoLock {
  private held = false;
  private readonly waiters: Array<() => void> = [];

  get waiting(): number {
    return this.waiters.length;
  }

  acquire(timeoutMs = 0, timeoutMessage = 'Timed out waiting for the lock'): Promise<void> {
    if (!this.held) {
      this.held = true;
      return Promise.resolve();
    }
    return new Promise<void>((resolve, reject) => {
      let timer: NodeJS.Timeout | undefined;
      const grant = (): void => {
        if (timer !== undefined) clearTimeout(timer);
        resolve();
      };
      if (timeoutMs > 0) {
        timer = setTimeout(() => {
          const index = this.waiters.indexOf(grant);
          if (index !== -1) this.waiters.splice(index, 1);
          reject(new Error(timeoutMessage));
        }, timeoutMs);
      }
      this.waiters.push(grant);
    });
  }

  /** Hands the lock straight to the next waiter, so nobody can overtake the queue. */
  release(): void {
    const next = this.waiters.shift();
    if (next) next();
    else this.held = false;
  }
}
