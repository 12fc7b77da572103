/** How many recent report intervals the estimate looks at: enough for a robust median, constant memory. */
const RECENT_INTERVALS = 9;

/**
 * A participant's stats polling period: the median of their last few report intervals (each
 * between two reports of the same peer connection). The median ignores the odd long gap (an
 * outage is one long interval, not many), but follows a recorder that polls every 10 s.
 */
export class PollingPeriodEstimator {
  private readonly recent = new Float64Array(RECENT_INTERVALS);
  /** Scratch space for the median, reused rather than allocated on every call. */
  private readonly sorted = new Float64Array(RECENT_INTERVALS);
  private count = 0;
  private next = 0;
  /**
   * The median is asked for several times per report (thresholds on every connectivity step,
   * the energy stall check) but only changes when an interval is added: computed then, once.
   */
  private median: number | undefined;

  add(intervalSeconds: number): void {
    if (!(intervalSeconds > 0) || !Number.isFinite(intervalSeconds)) return;
    this.recent[this.next] = intervalSeconds;
    this.next = (this.next + 1) % RECENT_INTERVALS;
    this.count = Math.min(this.count + 1, RECENT_INTERVALS);
    this.median = this.computeMedian();
  }

  /** Seconds; undefined before the first interval. */
  periodSeconds(): number | undefined {
    return this.median;
  }

  private computeMedian(): number {
    // Insertion sort of at most 9 numbers: no array, no comparator calls.
    const sorted = this.sorted;
    const count = this.count;
    for (let i = 0; i < count; i++) {
      const value = this.recent[i];
      let j = i - 1;
      for (; j >= 0 && sorted[j] > value; j--) sorted[j + 1] = sorted[j];
      sorted[j + 1] = value;
    }
    const middle = count >> 1;
    return count % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
