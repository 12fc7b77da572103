import { PollingPeriodEstimator } from './polling-period';

describe(PollingPeriodEstimator.name, () => {
  it('is the median of the last nine intervals: one long gap (an outage) does not move it', () => {
    const sut = new PollingPeriodEstimator();
    expect(sut.periodSeconds()).toBeUndefined();
    [1, 1.02, 0.98, 30, 1, 1].forEach((seconds) => sut.add(seconds));
    expect(sut.periodSeconds()).toBe(1);
  });

  it('follows a recorder that polls every 10 s, and ignores first reports (0 s) and nonsense', () => {
    const sut = new PollingPeriodEstimator();
    [0, Number.NaN, -3, ...Array.from({ length: 12 }, () => 10)].forEach((seconds) => sut.add(seconds));
    expect(sut.periodSeconds()).toBe(10);
  });
});
