import { TokenBucket } from './token-bucket';

describe(TokenBucket.name, () => {
  let now: number;
  const clock = () => now;
  beforeEach(() => (now = 1_000_000));

  it('allows a burst, then refuses with the time until enough tokens refill', () => {
    const sut = new TokenBucket(10, 5, clock);
    expect(sut.take(5)).toEqual({ ok: true });
    expect(sut.take(2)).toEqual({ ok: false, retryAfterMs: 200 });
  });

  it('refills continuously at the configured rate, never beyond the burst', () => {
    const sut = new TokenBucket(10, 5, clock);
    sut.take(5);
    now += 300;
    expect(sut.take(3)).toEqual({ ok: true });
    expect(sut.take(1)).toEqual({ ok: false, retryAfterMs: 100 });
    now += 60_000;
    expect(sut.take(5)).toEqual({ ok: true });
    expect(sut.take(1).ok).toBe(false);
  });

  it('tells a request larger than the burst how long until a full bucket', () => {
    const sut = new TokenBucket(10, 5, clock);
    sut.take(5);
    expect(sut.take(50)).toEqual({ ok: false, retryAfterMs: 500 });
  });
});
