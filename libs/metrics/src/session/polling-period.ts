/** How many recent report intervals the estimate looks at: enough for a robust median, constant memory. */
const RECENT_INTERVALS = 9;

/**
 * A participant's stats polling period: the median of their last few report intervals (each
 * between two reports of the same peer connection). The median ignores the odd long gap (an
 * outage is one long interval, not many), but follows a recorder that polls every 10 s.
 */
export class PollingPeriodEstimator {
  private readonly recent = new Float64Array(RECENT_INTERVALS);
  private count = 0;
  private next = 0;

  add(intervalSeconds: number): void {
    if (!(intervalSeconds > 0) || !Number.isFinite(intervalSeconds)) return;
    this.recent[this.next] = intervalSeconds;
    this.next = (this.next + 1) % RECENT_INTERVALS;
    this.count = Math.min(this.count + 1, RECENT_INTERVALS);
  }

  /** Seconds; undefined before the first interval. */
  periodSeconds(): number | undefined {
    if (this.count === 0) return undefined;
    const sorted = Array.from(this.recent.subarray(0, this.count)).sort((a, b) => a - b);
    const middle = sorted.length >> 1;
    return sorted.length % 2 === 1 ? sorted[middle] : (sorted[middle - 1] + sorted[middle]) / 2;
  }
}
