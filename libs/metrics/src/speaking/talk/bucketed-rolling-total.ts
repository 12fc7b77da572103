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
    const slots = this.totals.length;
    // Only the slots of the buckets that can overlap the window are visited (one more on each
    // side against rounding), still in ascending slot order so the sum is the same to the bit;
    // every other slot holds a bucket outside the window, which the test below would skip.
    const firstBucket = Math.floor(windowStart / this.bucketMs) - 1;
    const lastBucket = Math.ceil(now / this.bucketMs);
    const span = lastBucket - firstBucket + 1;
    if (!(span < slots)) return this.totalOverSlots(now, windowStart, 0, slots - 1, 0);
    const firstSlot = this.slotOf(firstBucket);
    const lastSlot = this.slotOf(lastBucket);
    if (firstSlot <= lastSlot) return this.totalOverSlots(now, windowStart, firstSlot, lastSlot, 0);
    // The range wraps around the ring: slots 0…lastSlot come first in slot order.
    const low = this.totalOverSlots(now, windowStart, 0, lastSlot, 0);
    return this.totalOverSlots(now, windowStart, firstSlot, slots - 1, low);
  }

  /** Adds to `total` the part within (windowStart, now] of the buckets in slots from…to, in order. */
  private totalOverSlots(now: number, windowStart: number, from: number, to: number, total: number): number {
    for (let slot = from; slot <= to; slot++) {
      const bucketStart = this.bucketOf[slot] * this.bucketMs;
      const bucketEnd = bucketStart + this.bucketMs;
      if (!Number.isFinite(bucketStart) || bucketEnd <= windowStart || bucketStart >= now) continue;
      const shareInWindow = bucketStart >= windowStart ? 1 : (bucketEnd - windowStart) / this.bucketMs;
      total += this.totals[slot] * shareInWindow;
    }
    return total;
  }

  private slotOf(bucket: number): number {
    return ((bucket % this.totals.length) + this.totals.length) % this.totals.length;
  }

  private addToBucket(bucket: number, seconds: number): void {
    if (bucket < this.newestBucket - this.totals.length + 1) return; // older than anything kept
    const slot = this.slotOf(bucket);
    if (this.bucketOf[slot] !== bucket) {
      this.bucketOf[slot] = bucket;
      this.totals[slot] = 0;
    }
    this.totals[slot] += seconds;
    this.newestBucket = Math.max(this.newestBucket, bucket);
  }
}
