import { shareOfTalk, speakingShares } from './speaking-shares';

describe(speakingShares.name, () => {
  it.each([
    [
      { a: 30, b: 10 },
      { a: 0.75, b: 0.25 },
    ],
    [
      { a: 30, b: 0 },
      { a: 1, b: 0 },
    ],
    [
      { a: 0, b: 0 },
      { a: null, b: null },
    ],
    [{}, {}],
  ])('%j → %j', (talk, expected) => {
    expect(Object.fromEntries(speakingShares(new Map(Object.entries(talk))))).toEqual(expected);
  });
});

describe(shareOfTalk.name, () => {
  it.each([
    [60, 240, 0.25],
    [0, 240, 0],
    [0, 0, null],
  ])('%s of %s → %s', (part, total, expected) => {
    expect(shareOfTalk(part, total)).toBe(expected);
  });
});
