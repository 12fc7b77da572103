import {
  complementaryErrorFunction,
  logStandardNormalCdf,
  posteriorSpeakingFraction,
} from './posterior-speaking-fraction';

describe(complementaryErrorFunction.name, () => {
  it.each([
    [0, 1],
    [0.5, 0.4795001221869535],
    [1, 0.15729920705028513],
    [2, 0.004677734981047266],
    [-1, 1.8427007929497148],
  ])('erfc(%s) = %s', (x, expected) => {
    expect(complementaryErrorFunction(x)).toBeCloseTo(expected, 7);
  });
});

describe(logStandardNormalCdf.name, () => {
  it.each([
    [0, Math.log(0.5)],
    [-3, Math.log(0.0013498980316301)],
    [-25, -316.6],
  ])('ln Φ(%s) ≈ %s', (x, expected) => {
    expect(logStandardNormalCdf(x)).toBeCloseTo(expected, 1);
  });

  it('joins the asymptotic tail smoothly', () => {
    expect(logStandardNormalCdf(-19.999)).toBeCloseTo(logStandardNormalCdf(-20.001), 1);
  });
});

describe(posteriorSpeakingFraction.name, () => {
  const sigma = 0.7; // ≈ 3 dB of second-to-second loudness spread

  it('is 0 without energy above the noise and near 1 far above the speech level', () => {
    expect(posteriorSpeakingFraction(0, sigma, 0.02)).toBe(0);
    expect(posteriorSpeakingFraction(-1, sigma, 0.02)).toBe(0);
    // The posterior of u = ln f piles up against u ≤ 0: E[f] ≈ 1 − σ²/(ln y + σ²).
    expect(posteriorSpeakingFraction(100, sigma, 0.02)).toBeCloseTo(1 - sigma ** 2 / (Math.log(100) + sigma ** 2), 1);
    expect(posteriorSpeakingFraction(1e6, sigma, 0.02)).toBeGreaterThan(0.96);
  });

  it('grows with the energy', () => {
    let previous = 0;
    for (const relativeEnergy of [0.01, 0.05, 0.1, 0.3, 0.6, 1, 2, 5]) {
      const fraction = posteriorSpeakingFraction(relativeEnergy, sigma, 0.02);
      expect(fraction).toBeGreaterThan(previous);
      previous = fraction;
    }
  });

  it('approaches min(1, y) when loudness does not vary', () => {
    for (const relativeEnergy of [0.1, 0.4, 0.8]) {
      expect(posteriorSpeakingFraction(relativeEnergy, 0.01, 0)).toBeCloseTo(relativeEnergy, 2);
    }
  });

  it('follows the small-signal limit y·exp(1.5σ²) of the uniform prior', () => {
    const relativeEnergy = 1e-4;
    expect(posteriorSpeakingFraction(relativeEnergy, sigma, 0) / relativeEnergy).toBeCloseTo(
      Math.exp(1.5 * sigma * sigma),
      2,
    );
  });

  it('is unbiased on average when the model holds (uniform fractions, log-normal loudness)', () => {
    let seed = 7;
    const uniform = () => ((seed = (seed * 1103515245 + 12345) % 2 ** 31) + 0.5) / 2 ** 31;
    const normal = () => Math.sqrt(-2 * Math.log(uniform())) * Math.cos(2 * Math.PI * uniform());
    let truth = 0;
    let estimate = 0;
    for (let index = 0; index < 20_000; index++) {
      const fraction = uniform();
      truth += fraction;
      estimate += posteriorSpeakingFraction(fraction * Math.exp(sigma * normal()), sigma, 0);
    }
    expect(estimate / truth).toBeCloseTo(1, 1);
    // The naive ratio to the mean speech energy, clipped at 1, loses the loud tail of the spread.
    seed = 7;
    let naive = 0;
    for (let index = 0; index < 20_000; index++) {
      const fraction = uniform();
      naive += Math.min(1, fraction * Math.exp(sigma * normal() - (sigma * sigma) / 2));
    }
    expect(naive / truth).toBeLessThan(0.9);
  });
});
