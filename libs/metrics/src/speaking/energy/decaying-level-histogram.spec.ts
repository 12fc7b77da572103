import { DecayingLevelHistogram } from './decaying-level-histogram';

describe(DecayingLevelHistogram.name, () => {
  it('answers quantiles of what was added', () => {
    const sut = new DecayingLevelHistogram(-100, 0, 1, 1e9);
    for (let level = -60; level < -40; level++) sut.add(level + 0.5, 1, 0);
    expect(sut.quantileDb(0.5)).toBeCloseTo(-50, 6);
    expect(sut.quantileDb(0.1)).toBeCloseTo(-58, 6);
    expect(sut.quantileDb(1)).toBeCloseTo(-40, 6);
  });

  it('is empty until something is added', () => {
    const sut = new DecayingLevelHistogram(-100, 0, 1, 60);
    expect(sut.quantileDb(0.5)).toBeUndefined();
    expect(sut.meanEnergyDb()).toBeUndefined();
    expect(sut.weightAt(0)).toBe(0);
  });

  it('forgets with its time constant: the recent past wins', () => {
    const sut = new DecayingLevelHistogram(-100, 0, 1, 60);
    sut.add(-70.5, 100, 0);
    sut.add(-30.5, 10, 600); // ten horizons later the old weight is e^-10 ≈ 0.00005 of it
    expect(sut.quantileDb(0.5)).toBeCloseTo(-30.5, 0);
    expect(sut.weightAt(600)).toBeCloseTo(10 + 100 * Math.exp(-10), 6);
  });

  it('stays finite over a very long run (rescales instead of overflowing)', () => {
    const sut = new DecayingLevelHistogram(-100, 0, 1, 1);
    for (let clock = 0; clock < 10_000; clock += 10) sut.add(-20.5, 1, clock);
    expect(Number.isFinite(sut.weightAt(10_000))).toBe(true);
    expect(sut.quantileDb(0.5)).toBeCloseTo(-20.5, 0);
  });

  it('clamps levels outside its range into the end bins', () => {
    const sut = new DecayingLevelHistogram(-100, 0, 1, 60);
    sut.add(-150, 1, 0);
    sut.add(10, 1, 0);
    expect(sut.quantileDb(0.25)).toBeLessThanOrEqual(-99);
    expect(sut.quantileDb(1)).toBeGreaterThanOrEqual(-1);
  });

  it('gives the energy-domain mean, above the median for spread levels', () => {
    const sut = new DecayingLevelHistogram(-100, 0, 0.5, 1e9);
    sut.add(-40.25, 1, 0);
    sut.add(-20.25, 1, 0);
    const expected = 10 * Math.log10((10 ** -4.025 + 10 ** -2.025) / 2);
    expect(sut.meanEnergyDb()).toBeCloseTo(expected, 6);
  });
});
