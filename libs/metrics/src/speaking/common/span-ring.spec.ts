import { SpanRing } from './span-ring';

describe(SpanRing.name, () => {
  const contents = (ring: SpanRing) =>
    Array.from({ length: ring.size }, (_, offset) => [ring.start(offset), ring.end(offset), ring.mark(offset)]);

  it('gives the spans newest first, with their marks', () => {
    const ring = new SpanRing(3);
    ring.push(1_000, 2_000, 1);
    ring.push(3_000, 4_500);

    expect(ring.size).toBe(2);
    expect(contents(ring)).toEqual([
      [3_000, 4_500, 0],
      [1_000, 2_000, 1],
    ]);
    expect(ring.spansNewestFirst()).toEqual([
      { start: 3_000, end: 4_500 },
      { start: 1_000, end: 2_000 },
    ]);
  });

  it('drops the oldest once full, however often it wraps', () => {
    const ring = new SpanRing(3);
    for (let index = 0; index < 8; index++) ring.push(index * 10, index * 10 + 5, index % 2);

    expect(ring.size).toBe(3);
    expect(contents(ring)).toEqual([
      [70, 75, 1],
      [60, 65, 0],
      [50, 55, 1],
    ]);
  });

  it('keeps epoch milliseconds exactly', () => {
    const ring = new SpanRing(1);
    ring.push(1_764_150_000_123, 1_764_150_004_567);

    expect([ring.start(0), ring.end(0)]).toEqual([1_764_150_000_123, 1_764_150_004_567]);
  });

  it('refuses a read past what it holds, and a capacity below one', () => {
    const ring = new SpanRing(2);
    ring.push(1, 2);

    expect(() => ring.start(1)).toThrow(RangeError);
    expect(() => new SpanRing(0)).toThrow(RangeError);
  });
});
