import { assertTalkTimes } from './gini';

/**
 * Normalised entropy of speaking shares, H = −Σ pᵢ ln pᵢ / ln N with pᵢ = xᵢ/Σx: 1 when everyone
 * talked equally, 0 when one member did all the talking. Silent members count in N (they are
 * present) and contribute 0·ln 0 = 0.
 *
 * Edge cases as for the Gini coefficient: N < 2 → null (ln 1 = 0, nothing to normalise by),
 * Σx = 0 → null, negative or non-finite values → RangeError.
 */
export function normalisedEntropy(values: readonly number[]): number | null {
  assertTalkTimes(values);
  const count = values.length;
  const total = values.reduce((sum, value) => sum + value, 0);
  if (count < 2 || total <= 0) return null;
  let entropy = 0;
  for (let index = 0; index < count; index++) {
    const value = values[index];
    if (value > 0) {
      const share = value / total;
      entropy -= share * Math.log(share);
    }
  }
  return Math.min(1, Math.max(0, entropy / Math.log(count)));
}
