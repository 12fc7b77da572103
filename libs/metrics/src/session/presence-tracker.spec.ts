import { PresenceTracker } from './presence-tracker';

describe(PresenceTracker.name, () => {
  it('present seconds and the longest silence count present time only', () => {
    const sut = new PresenceTracker();
    sut.join(0);
    sut.substantiveTurn(10_000, 15_000); // silent 0–10 s
    sut.leave(40_000); // silent 15–40 s: 25 s
    sut.join(100_000); // away 40–100 s does not count
    sut.substantiveTurn(110_000, 112_000); // silent 25 s + 10 s = 35 s before this turn
    expect(sut.maxSilenceSeconds(120_000)).toBe(35);
    expect(sut.presentSeconds(120_000)).toBe(60);
    expect(sut.joins).toBe(2);
    expect(sut.presentDuring(50_000, 60_000)).toBe(false);
    expect(sut.presentDuring(35_000, 45_000)).toBe(true);
  });

  it('a member who never speaks has been silent all the time present', () => {
    const sut = new PresenceTracker();
    sut.join(5_000);
    expect(sut.maxSilenceSeconds(65_000)).toBe(60);
  });
});
