/**
 * The rolling 10th percentile of recent frame levels: the level the room sits at when nobody
 * speaks. Memory and time per frame are fixed whatever the window: a ring of the window's frames
 * (to forget the oldest) and a histogram with 1 dB bins (to read the percentile without sorting).
 *
 * Until the window has filled, the rank read is scaled down by how full it is, so the floor
 * starts from the quietest frames seen and reaches the 10th percentile as the window fills. A
 * detector started while its member talks would otherwise take their first seconds of speech
 * for the room's floor (a short window can hold less than 10 % pauses) and hear nothing for up
 * to a minute. A fixed starting guess instead would call a noisy room speech until it aged out.
 */
export class NoiseFloor {
  private readonly times: Float64Array;
  private readonly bins: Uint8Array;
  private readonly histogram = new Uint32Array(NoiseFloor.binCount);
  private head = 0;
  private count = 0;
  /** Frames a full window holds. */
  private readonly windowFrames: number;

  /** Levels are clamped to [−100, 0] dBFS: quieter than −100 is digital silence anyway. */
  static readonly minDb = -100;
  static readonly binCount = 101;

  constructor(
    private readonly windowMs: number,
    frameMs: number,
    private readonly percentile = 0.1,
  ) {
    this.windowFrames = Math.ceil(windowMs / frameMs);
    // A little headroom over window/frame so that a late timer frame does not evict early.
    const capacity = this.windowFrames + 8;
    this.times = new Float64Array(capacity);
    this.bins = new Uint8Array(capacity);
  }

  add(atMs: number, levelDb: number): void {
    this.forgetBefore(atMs - this.windowMs);
    if (this.count === this.times.length) this.removeOldest();
    const bin = binOf(levelDb);
    const tail = (this.head + this.count) % this.times.length;
    this.times[tail] = atMs;
    this.bins[tail] = bin;
    this.histogram[bin]++;
    this.count++;
  }

  /** The floor in dBFS (the lower edge of its 1 dB bin), or undefined before the first frame. */
  level(): number | undefined {
    if (this.count === 0) return undefined;
    const filled = Math.min(1, this.count / this.windowFrames);
    const rank = Math.max(1, Math.ceil(this.count * this.percentile * filled));
    let seen = 0;
    for (let bin = 0; bin < NoiseFloor.binCount; bin++) {
      seen += this.histogram[bin];
      if (seen >= rank) return NoiseFloor.minDb + bin;
    }
    return undefined;
  }

  private forgetBefore(oldestKeptMs: number): void {
    while (this.count > 0 && this.times[this.head] < oldestKeptMs) this.removeOldest();
  }

  private removeOldest(): void {
    this.histogram[this.bins[this.head]]--;
    this.head = (this.head + 1) % this.times.length;
    this.count--;
  }
}

function binOf(levelDb: number): number {
  if (!Number.isFinite(levelDb)) return 0;
  const clamped = Math.min(0, Math.max(NoiseFloor.minDb, levelDb));
  return Math.floor(clamped - NoiseFloor.minDb);
}
