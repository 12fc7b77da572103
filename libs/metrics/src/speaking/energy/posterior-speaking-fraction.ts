// Math functions are bound once here: under Jest every lookup of the global `Math` goes through
// the test sandbox's global object and made these hot loops ten times slower.
const { PI, SQRT2, abs, exp, log, max, min } = Math;

/**
 * The speaking fraction of an interval at the edge of speech, as a posterior mean.
 *
 * Model. The interval's mean energy is E = E_n + f·E_s·X: f ∈ (0, 1] is the share of the
 * interval that was speech, E_s the speaker's typical (median) speech energy and X the
 * loudness of this particular stretch of speech relative to typical, log-normal with median 1
 * and log-spread σ (measured from the speaker's own full seconds). So y = (E − E_n)/E_s = f·X.
 *
 * The naive estimate min(1, y) is biased: loudness varies by several dB from second to second,
 * a loud partial interval is clipped at 1 while a quiet one is not, and most of a speaker's
 * edge intervals are partial. Instead we take E[f | y] under a prior that matches how edge
 * intervals arise: a turn starts or ends at a uniformly random moment of the report interval,
 * so f is uniform on (0, 1), plus a small probability π that the interval is in fact full.
 * Averaged over many intervals the posterior mean is unbiased when the model holds, which is
 * what summed speaking seconds need.
 *
 * With a = ln y and u = ln f, the likelihood is φ((a − u)/σ) up to a factor common to all f,
 * and with the uniform prior (density e^u du):
 *   ∫₀¹ fᵏ φ((a − ln f)/σ) df = σ·exp(k·a + k²σ²/2)·Φ(−(a + kσ²)/σ),   k = 1, 2
 *   E[f | y] = (π·φ(a/σ) + (1−π)·I₂) / (π·φ(a/σ) + (1−π)·I₁)
 * Everything is evaluated in logarithms: for loud or very faint intervals the terms underflow.
 */
export function posteriorSpeakingFraction(relativeEnergy: number, logSpread: number, fullPrior: number): number {
  if (!(relativeEnergy > 0)) return 0;
  const sigma = max(logSpread, 1e-3);
  const a = log(relativeEnergy);
  const variance = sigma * sigma;
  const logPartialWeight = log(1 - fullPrior) + log(sigma);
  const logFull = fullPrior > 0 ? log(fullPrior) + logStandardNormalDensity(a / sigma) : -Infinity;
  const logFirstMoment = logPartialWeight + a + variance / 2 + logStandardNormalCdf(-(a + variance) / sigma);
  const logSecondMoment = logPartialWeight + 2 * a + 2 * variance + logStandardNormalCdf(-(a + 2 * variance) / sigma);
  const largest = max(logFull, logFirstMoment, logSecondMoment);
  const full = exp(logFull - largest);
  const fraction = (full + exp(logSecondMoment - largest)) / (full + exp(logFirstMoment - largest));
  return min(1, max(0, fraction));
}

const LOG_SQRT_TWO_PI = 0.5 * log(2 * PI);

export function logStandardNormalDensity(x: number): number {
  return -0.5 * x * x - LOG_SQRT_TWO_PI;
}

/** ln Φ(x), accurate far into the lower tail where Φ itself underflows. */
export function logStandardNormalCdf(x: number): number {
  if (x < -20) {
    // Asymptotic series of the Mills ratio: Φ(x) ≈ φ(x)/|x| · (1 − 1/x² + 3/x⁴).
    const squared = x * x;
    return logStandardNormalDensity(x) - log(-x) + log(1 - 1 / squared + 3 / (squared * squared));
  }
  return log(0.5 * complementaryErrorFunction(-x / SQRT2));
}

/** erfc with relative error < 1.2·10⁻⁷ everywhere (Numerical Recipes' Chebyshev fit). */
export function complementaryErrorFunction(x: number): number {
  const z = abs(x);
  const t = 1 / (1 + 0.5 * z);
  const polynomial =
    -z * z -
    1.26551223 +
    t *
      (1.00002368 +
        t *
          (0.37409196 +
            t *
              (0.09678418 +
                t *
                  (-0.18628806 +
                    t * (0.27886807 + t * (-1.13520398 + t * (1.48851587 + t * (-0.82215223 + t * 0.17087277))))))));
  const value = t * exp(polynomial);
  return x >= 0 ? value : 2 - value;
}
