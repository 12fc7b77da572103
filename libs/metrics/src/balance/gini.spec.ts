import { giniCoefficient } from './gini';

/** The definition, ΣᵢΣⱼ|xᵢ − xⱼ| / (2·N·Σx), to check the O(N log N) form against. */
function giniByDefinition(values: number[]): number {
  const total = values.reduce((sum, value) => sum + value, 0);
  let differences = 0;
  for (const a of values) for (const b of values) differences += Math.abs(a - b);
  return differences / (2 * values.length * total);
}

describe(giniCoefficient.name, () => {
  it.each([
    ['everyone equal', [60, 60, 60, 60], 0],
    ['one member did all the talking (N = 4): (N − 1)/N', [240, 0, 0, 0], 0.75],
    ['two of four talked equally', [120, 120, 0, 0], 0.5],
    ['two members, 3:1', [90, 30], 0.25],
    ['a silent member present counts', [30, 30, 0], 1 / 3],
  ])('%s → %s', (_label, values, expected) => {
    expect(giniCoefficient(values)).toBeCloseTo(expected, 12);
  });

  it('matches the double-sum definition on arbitrary talk times', () => {
    const values = [12.5, 300, 47, 0, 88.25, 150, 3];
    expect(giniCoefficient(values)).toBeCloseTo(giniByDefinition(values), 12);
  });

  it('matches it for a large group too (sorted another way past 64 members)', () => {
    const values = Array.from({ length: 100 }, (_, index) => ((index * 37) % 101) * 1.5);
    expect(giniCoefficient(values)).toBeCloseTo(giniByDefinition(values), 12);
  });

  it('does not depend on the order of members', () => {
    expect(giniCoefficient([5, 1, 9, 3])).toBe(giniCoefficient([9, 3, 5, 1]));
  });

  it.each([
    ['no members', []],
    ['one member (N = 1): neither balanced nor unbalanced', [120]],
    ['nobody talked (Σx = 0): silence is not balance', [0, 0, 0]],
  ])('%s → null', (_label, values) => {
    expect(giniCoefficient(values)).toBeNull();
  });

  it.each([[[10, -1]], [[10, Number.NaN]], [[Number.POSITIVE_INFINITY, 1]]])('rejects %j', (values) => {
    expect(() => giniCoefficient(values)).toThrow(RangeError);
  });
});
