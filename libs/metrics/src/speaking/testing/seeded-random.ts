// Math functions are bound once here: under Jest every lookup of the global `Math` goes through
// the test sandbox's global object and made these hot loops ten times slower.
const { PI, cos, imul, log, sin, sqrt } = Math;

/**
 * A small deterministic PRNG (mulberry32) so that simulated sessions are reproducible from a
 * seed, in tests and in the simulator alike. Not for anything security-related.
 */
export interface SeededRandom {
  /** Uniform in [0, 1). */
  next(): number;
  /** Uniform in [min, max). */
  between(min: number, max: number): number;
  /** Standard normal (Box–Muller). */
  normal(): number;
  /** Exponentially distributed with the given mean. */
  exponential(mean: number): number;
}

export function createSeededRandom(seed: number): SeededRandom {
  let state = seed >>> 0;
  let spareNormal: number | undefined;

  const next = (): number => {
    state = (state + 0x6d2b79f5) >>> 0;
    let mixed = imul(state ^ (state >>> 15), 1 | state);
    mixed = (mixed + imul(mixed ^ (mixed >>> 7), 61 | mixed)) ^ mixed;
    return ((mixed ^ (mixed >>> 14)) >>> 0) / 4294967296;
  };

  const normal = (): number => {
    if (spareNormal !== undefined) {
      const value = spareNormal;
      spareNormal = undefined;
      return value;
    }
    const radius = sqrt(-2 * log(1 - next()));
    const angle = 2 * PI * next();
    spareNormal = radius * sin(angle);
    return radius * cos(angle);
  };

  return {
    next,
    normal,
    between: (min, max) => min + (max - min) * next(),
    exponential: (mean) => -mean * log(1 - next()),
  };
}

/** A stable 32-bit seed from a string (FNV-1a), e.g. per meeting and speaker. */
export function seedFromText(text: string): number {
  let hash = 0x811c9dc5;
  for (let index = 0; index < text.length; index++) {
    hash ^= text.charCodeAt(index);
    hash = imul(hash, 0x01000193);
  }
  return hash >>> 0;
}
