// Math functions are bound once here: under Jest every lookup of the global `Math` goes through
// the test sandbox's global object and made these hot loops ten times slower.
const { ceil, exp, floor, log, log10, max, min, pow } = Math;

/**
 * A histogram of levels (dB) whose old observations fade with a time constant, so quantiles
 * follow the recent past over a rolling horizon in fixed memory (one number per bin) however
 * long the session runs.
 *
 * The clock is the caller's: wall-clock seconds, or seconds of evidence (so that a speaker's
 * voice level is not forgotten just because they have been quiet for a while).
 *
 * Fading is done lazily: instead of multiplying every bin by e^(−Δt/τ) on each update, new
 * observations get weight e^(+(t − t₀)/τ); only the relative weights matter for quantiles. When
 * that growing weight gets large the bins are rescaled once, which keeps the numbers finite.
 */
export class DecayingLevelHistogram {
  private readonly bins: Float64Array;
  private totalWeight = 0;
  private referenceClock: number | undefined;

  constructor(
    private readonly minDb: number,
    private readonly maxDb: number,
    private readonly binWidthDb: number,
    private readonly horizon: number,
  ) {
    this.bins = new Float64Array(ceil((maxDb - minDb) / binWidthDb));
  }

  /** Adds `weight` (e.g. seconds) of observation at `levelDb`, at time `clock` (horizon units). */
  add(levelDb: number, weight: number, clock: number): void {
    if (!(weight > 0) || !Number.isFinite(levelDb)) return;
    this.referenceClock ??= clock;
    let growth = exp((clock - this.referenceClock) / this.horizon);
    if (growth > 1e12) {
      this.rescale(growth);
      growth = 1;
    }
    const scaled = weight * growth;
    this.bins[this.binOf(levelDb)] += scaled;
    this.totalWeight += scaled;
  }

  /** Effective (faded) weight, in the units given to `add`, as seen at time `clock`. */
  weightAt(clock: number): number {
    if (this.referenceClock === undefined) return 0;
    return this.totalWeight / exp((clock - this.referenceClock) / this.horizon);
  }

  /** The level below which `quantile` of the (faded) weight lies; undefined when empty. */
  quantileDb(quantile: number): number | undefined {
    if (this.totalWeight <= 0) return undefined;
    const target = min(max(quantile, 0), 1) * this.totalWeight;
    let cumulative = 0;
    for (let bin = 0; bin < this.bins.length; bin++) {
      const inBin = this.bins[bin];
      if (inBin > 0 && cumulative + inBin >= target) {
        // Interpolate inside the bin so estimates move smoothly rather than in bin-width steps.
        const within = (target - cumulative) / inBin;
        return this.minDb + (bin + within) * this.binWidthDb;
      }
      cumulative += inBin;
    }
    return this.maxDb;
  }

  /**
   * The weighted mean in the linear energy domain (10^(dB/10)), in dB. Levels are log-ish
   * distributed, so this sits above the median: it is the value whose multiple gives the
   * expected total energy, which is what a speaking-fraction estimate divides by.
   */
  meanEnergyDb(): number | undefined {
    if (this.totalWeight <= 0) return undefined;
    let energy = 0;
    for (let bin = 0; bin < this.bins.length; bin++) {
      if (this.bins[bin] > 0) energy += this.bins[bin] * pow(10, (this.minDb + (bin + 0.5) * this.binWidthDb) / 10);
    }
    return 10 * log10(energy / this.totalWeight);
  }

  private binOf(levelDb: number): number {
    const bin = floor((levelDb - this.minDb) / this.binWidthDb);
    return min(max(bin, 0), this.bins.length - 1);
  }

  private rescale(growth: number): void {
    for (let bin = 0; bin < this.bins.length; bin++) this.bins[bin] /= growth;
    this.totalWeight /= growth;
    // Shift the reference so that future growth factors restart near 1.
    this.referenceClock = (this.referenceClock ?? 0) + log(growth) * this.horizon;
  }
}
