/**
 * Seconds of activity (talk) in rolling windows, in a ring of fixed-width time buckets: memory
 * is one number per bucket of the longest window, however long the session.
 *
 * Spans are spread over the buckets they cover, so totals are exact except at the window's
 * old edge, where the partly covered bucket is counted in proportion (as if its activity were
 * spread evenly): the error is at most one bucket's worth.
 */
export class BucketedRollingTotal {
  private readonly totals: Float64Array;
  private readonly bucketOf: Float64Array;
  private newestBucket = -Infinity;

  constructor(
    private readonly bucketMs: number,
    longestWindowMs: number,
  ) {
    const slots = Math.ceil(longestWindowMs / bucketMs) + 2;
    this.totals = new Float64Array(slots);
    this.bucketOf = new Float64Array(slots).fill(-Infinity);
  }

  /** Adds the span [start, end) (epoch ms) as seconds of activity. */
  addSpan(start: number, end: number): void {
    if (!(end > start)) return;
    const first = Math.floor(start / this.bucketMs);
    const last = Math.floor((end - 1e-9) / this.bucketMs);
    for (let bucket = Math.max(first, last - this.totals.length + 1); bucket <= last; bucket++) {
      const from = Math.max(start, bucket * this.bucketMs);
      const to = Math.min(end, (bucket + 1) * this.bucketMs);
      this.addToBucket(bucket, (to - from) / 1000);
    }
  }

  /**
   * Seconds of activity within (now − windowMs, now]; windowMs must not exceed the longest
   * window given to the constructor (older buckets have been reused).
   */
  totalOver(now: number, windowMs: number): number {
    const windowStart = now - windowMs;
    let total = 0;
    for (let slot = 0; slot < this.totals.length; slot++) {
      const bucketStart = this.bucketOf[slot] * this.bucketMs;
      const bucketEnd = bucketStart + this.bucketMs;
      if (!Number.isFinite(bucketStart) || bucketEnd <= windowStart || bucketStart >= now) continue;
      const shareInWindow = bucketStart >= windowStart ? 1 : (bucketEnd - windowStart) / this.bucketMs;
      total += this.totals[slot] * shareInWindow;
    }
    return total;
  }

  private addToBucket(bucket: number, seconds: number): void {
    if (bucket < this.newestBucket - this.totals.length + 1) return; // older than anything kept
    const slot = ((bucket % this.totals.length) + this.totals.length) % this.totals.length;
    if (this.bucketOf[slot] !== bucket) {
      this.bucketOf[slot] = bucket;
      this.totals[slot] = 0;
    }
    this.totals[slot] += seconds;
    this.newestBucket = Math.max(this.newestBucket, bucket);
  }
}
