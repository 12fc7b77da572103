import { MAX_CLOCK_JUMP_MS } from '@attune/metrics';
import { EventTimeClock } from './event-time-clock';

describe(EventTimeClock.name, () => {
  const T0 = 1_700_000_000_000;
  let sut: EventTimeClock;

  beforeEach(() => {
    sut = new EventTimeClock();
  });

  it('has no time before the first data', () => {
    expect(sut.estimate(5_000)).toBeUndefined();
  });

  it('is the latest event time plus the processing time since it arrived', () => {
    sut.observe(T0, 1_000);
    expect(sut.estimate(1_000)).toBe(T0);
    expect(sut.estimate(3_500)).toBe(T0 + 2_500);
  });

  it('is not pulled back by a message from behind, and re-anchors on one ahead', () => {
    sut.observe(T0, 1_000);
    sut.observe(T0 - 3_000, 2_000);
    expect(sut.estimate(2_000)).toBe(T0 + 1_000);
    sut.observe(T0 + 1_500, 2_000);
    expect(sut.estimate(3_000)).toBe(T0 + 2_500);
  });

  it('ignores a timestamp that jumps implausibly far ahead (a corrupt clock)', () => {
    sut.observe(T0, 1_000);
    sut.observe(T0 + MAX_CLOCK_JUMP_MS + 60_000, 1_000);
    expect(sut.estimate(1_000)).toBe(T0);
  });

  it('never goes back when rebuilt rows arrived out of processing order', () => {
    sut.observe(T0, 5_000);
    expect(sut.estimate(4_000)).toBe(T0);
  });
});
