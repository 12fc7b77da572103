import { Backoff } from './backoff';

describe(Backoff.name, () => {
  it('doubles up to the ceiling without jitter', () => {
    const sut = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 0 });
    expect([1, 2, 3, 4, 5, 6].map(() => sut.nextDelayMs())).toEqual([100, 200, 400, 800, 1000, 1000]);
  });

  it('takes up to `jitter` of each delay off at random', () => {
    const sut = new Backoff({ initialMs: 1000, maxMs: 10_000, jitter: 0.5 }, () => 1);
    expect(sut.nextDelayMs()).toBe(500);
    const other = new Backoff({ initialMs: 1000, maxMs: 10_000, jitter: 0.5 }, () => 0);
    expect(other.nextDelayMs()).toBe(1000);
  });

  it('starts over after reset()', () => {
    const sut = new Backoff({ initialMs: 100, maxMs: 1000, jitter: 0 });
    sut.nextDelayMs();
    sut.nextDelayMs();
    expect(sut.failures).toBe(2);
    sut.reset();
    expect(sut.nextDelayMs()).toBe(100);
  });
});
