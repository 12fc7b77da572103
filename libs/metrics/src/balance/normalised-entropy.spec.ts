import { normalisedEntropy } from './normalised-entropy';

describe(normalisedEntropy.name, () => {
  it.each([
    ['everyone equal', [60, 60, 60, 60], 1],
    ['one member did all the talking', [240, 0, 0, 0], 0],
    ['two of four talked equally: ln 2 / ln 4', [120, 120, 0, 0], 0.5],
    ['two members, 3:1', [90, 30], -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(2)],
    ['scale does not matter', [9000, 3000], -(0.75 * Math.log(0.75) + 0.25 * Math.log(0.25)) / Math.log(2)],
  ])('%s → %s', (_label, values, expected) => {
    expect(normalisedEntropy(values)).toBeCloseTo(expected, 12);
  });

  it.each([
    ['no members', []],
    ['one member (N = 1, ln N = 0)', [120]],
    ['nobody talked (Σx = 0)', [0, 0]],
  ])('%s → null', (_label, values) => {
    expect(normalisedEntropy(values)).toBeNull();
  });

  it('rejects negative talk time', () => {
    expect(() => normalisedEntropy([1, -2])).toThrow(RangeError);
  });
});
