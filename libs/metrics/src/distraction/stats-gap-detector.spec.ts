import { isBackgroundThrottlingGap } from './stats-gap-detector';

describe(isBackgroundThrottlingGap.name, () => {
  const s = 1000;
  it.each([
    ['hidden for the whole gap', { start: 0, end: 60 * s }, [{ start: -5 * s, end: 70 * s }], true],
    [
      'hidden right after a report, reports resume soon after showing',
      { start: 0, end: 60 * s },
      [{ start: 0.4 * s, end: 59 * s }],
      true,
    ],
    ['hidden only briefly inside a long gap', { start: 0, end: 60 * s }, [{ start: 30 * s, end: 31 * s }], false],
    ['hidden only before', { start: 0, end: 60 * s }, [{ start: -30 * s, end: 0 }], false],
    ['never hidden', { start: 0, end: 60 * s }, [], false],
  ])('%s → %s', (_label, gap, hiddenSpans, expected) => {
    expect(isBackgroundThrottlingGap(gap, hiddenSpans, 3 * s)).toBe(expected);
  });
});
