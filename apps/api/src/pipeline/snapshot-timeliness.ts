/** What an operator reads of the live view's timeliness (GET /api/v1/admin/metrics). */
export interface SnapshotLateness {
  /** How many seconds the figures cover: the last minute, less when the server started within it. */
  seconds: number;
  /** Snapshots measured in that span (a session's first snapshot has nothing to be late against). */
  snapshots: number;
  /** Lateness in ms, by nearest rank; null with no snapshot measured. */
  p50Ms: number | null;
  p99Ms: number | null;
  maxMs: number | null;
  /** Snapshots more than 100 ms late: the pipeline's aim is fewer than 1 % (docs/metrics.md, Performance). */
  laterThan100Ms: number;
}

/** The aim's bound on lateness. */
const LATE_MS = 100;
/** Lateness kept, one entry per snapshot: a minute of 2,000 sessions in 2 MB of typed arrays, which the garbage collector does not scan. */
const DEFAULT_CAPACITY = 1 << 17;
const DEFAULT_SPAN_MS = 60_000;

/**
 * How late each session's snapshots come out, as the pipeline benchmark measures its aim: a
 * snapshot is due a period after the session's previous one, and anything later is lateness.
 * A late tick does not delay the next one, so this counts the moments the event loop fell
 * further behind; a server that stays behind by the same amount shows none. It is what a busy
 * or starved server costs the live view, and so the signal that an instance has more sessions
 * than it can serve (docs/operations.md).
 *
 * Memory is bounded: one timestamp per live session, and a ring of the latest lateness figures.
 */
export class SnapshotTimeliness {
  private readonly previousAt = new Map<string, number>();
  private readonly at: Float64Array;
  private readonly lateMs: Float64Array;
  private next = 0;
  private kept = 0;
  private readonly startedAt: number;

  constructor(
    private readonly periodMs: number,
    now: number,
    private readonly spanMs = DEFAULT_SPAN_MS,
    capacity = DEFAULT_CAPACITY,
  ) {
    this.startedAt = now;
    this.at = new Float64Array(capacity);
    this.lateMs = new Float64Array(capacity);
  }

  /** A snapshot of `sessionId` came out at `now` (processing time, ms). */
  published(sessionId: string, now: number): void {
    const previous = this.previousAt.get(sessionId);
    this.previousAt.set(sessionId, now);
    if (previous === undefined) return;
    this.at[this.next] = now;
    this.lateMs[this.next] = Math.max(0, now - previous - this.periodMs);
    this.next = (this.next + 1) % this.at.length;
    this.kept = Math.min(this.kept + 1, this.at.length);
  }

  /** The session ended: its next snapshot, if it ever runs again, starts afresh. */
  ended(sessionId: string): void {
    this.previousAt.delete(sessionId);
  }

  /** The figures over the `spanMs` up to `now` (not before anything published). */
  summary(now: number): SnapshotLateness {
    const since = now - this.spanMs;
    const late: number[] = [];
    let laterThan100Ms = 0;
    let oldest = now;
    for (let age = 1; age <= this.kept; age++) {
      const index = (this.next - age + this.at.length) % this.at.length;
      if (this.at[index] <= since) break;
      oldest = this.at[index];
      late.push(this.lateMs[index]);
      if (this.lateMs[index] > LATE_MS) laterThan100Ms += 1;
    }
    // Full ring: the figures cover only as far back as its oldest entry.
    const coveredFrom =
      this.kept === this.at.length && late.length === this.kept ? oldest : Math.max(since, this.startedAt);
    late.sort((a, b) => a - b);
    return {
      seconds: Math.round((now - coveredFrom) / 1000),
      snapshots: late.length,
      p50Ms: nearestRank(late, 50),
      p99Ms: nearestRank(late, 99),
      maxMs: late.length > 0 ? Math.round(late[late.length - 1]) : null,
      laterThan100Ms,
    };
  }
}

/** The nearest-rank percentile of ascending `sorted`, rounded to the ms; null when it is empty. */
function nearestRank(sorted: readonly number[], percent: number): number | null {
  if (sorted.length === 0) return null;
  return Math.round(sorted[Math.max(0, Math.ceil((percent / 100) * sorted.length) - 1)]);
}
