export type TakeResult = { ok: true } | { ok: false; retryAfterMs: number };

/**
 * A token bucket: `ratePerSecond` tokens refill continuously up to `burst`. Used per ingest
 * connection so one misbehaving client cannot starve the others.
 */
export class TokenBucket {
  private tokens: number;
  private refilledAt: number;

  constructor(
    private readonly ratePerSecond: number,
    private readonly burst: number,
    private readonly now: () => number = Date.now,
  ) {
    this.tokens = burst;
    this.refilledAt = now();
  }

  take(count = 1): TakeResult {
    this.refill();
    if (count <= this.tokens) {
      this.tokens -= count;
      return { ok: true };
    }
    const missing = Math.min(count, this.burst) - this.tokens;
    return { ok: false, retryAfterMs: Math.ceil((missing / this.ratePerSecond) * 1000) };
  }

  private refill(): void {
    const now = this.now();
    const elapsedSeconds = Math.max(0, now - this.refilledAt) / 1000;
    this.tokens = Math.min(this.burst, this.tokens + elapsedSeconds * this.ratePerSecond);
    this.refilledAt = now;
  }
}
