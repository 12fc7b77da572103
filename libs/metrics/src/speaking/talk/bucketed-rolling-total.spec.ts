import { BucketedRollingTotal } from './bucketed-rolling-total';

const SECOND = 1000;
const MINUTE = 60 * SECOND;

describe(BucketedRollingTotal.name, () => {
  let sut: BucketedRollingTotal;
  beforeEach(() => {
    sut = new BucketedRollingTotal(5 * SECOND, 15 * MINUTE);
  });

  it('sums spans inside the window exactly', () => {
    sut.addSpan(10 * SECOND, 40 * SECOND);
    sut.addSpan(100 * SECOND, 102.5 * SECOND);
    expect(sut.totalOver(5 * MINUTE, 5 * MINUTE)).toBeCloseTo(32.5, 9);
  });

  it('counts a partly covered old bucket in proportion, and drops what is outside', () => {
    sut.addSpan(0, 10 * SECOND); // buckets [0,5) and [5,10), 5 s each
    // Window (7.5 s, 5 min 7.5 s]: half of bucket [5,10) is in the window.
    expect(sut.totalOver(5 * MINUTE + 7.5 * SECOND, 5 * MINUTE)).toBeCloseTo(2.5, 9);
    expect(sut.totalOver(5 * MINUTE + 10 * SECOND, 5 * MINUTE)).toBe(0);
  });

  it('answers several window lengths from one ring', () => {
    sut.addSpan(0, MINUTE);
    sut.addSpan(10 * MINUTE, 11 * MINUTE);
    const now = 12 * MINUTE;
    expect(sut.totalOver(now, 5 * MINUTE)).toBeCloseTo(60, 9);
    expect(sut.totalOver(now, 15 * MINUTE)).toBeCloseTo(120, 9);
  });

  it('keeps bounded memory over a long session: old buckets are reused', () => {
    for (let minute = 0; minute < 24 * 60; minute++) sut.addSpan(minute * MINUTE, minute * MINUTE + 30 * SECOND);
    const now = 24 * 60 * MINUTE;
    expect(sut.totalOver(now, 15 * MINUTE)).toBeCloseTo(15 * 30, 9);
    // A span older than the ring is ignored rather than corrupting a reused bucket.
    sut.addSpan(0, 10 * SECOND);
    expect(sut.totalOver(now, 15 * MINUTE)).toBeCloseTo(15 * 30, 9);
  });

  it('leaves out a bucket that starts exactly at the window end: its activity is after now', () => {
    sut.addSpan(50 * SECOND, 60 * SECOND); // buckets [50,55) and [55,60)
    expect(sut.totalOver(55 * SECOND, MINUTE)).toBeCloseTo(5, 9);
  });

  it('ignores empty and reversed spans', () => {
    sut.addSpan(10, 10);
    sut.addSpan(20, 10);
    expect(sut.totalOver(MINUTE, MINUTE)).toBe(0);
  });
});
