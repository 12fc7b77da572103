import { DEFAULT_SPEAKING_PARAMETERS as parameters } from '../parameters';
import { isAffirmation, isInterruption, overlapMs, responseLatencySeconds, transitionGapMs } from './pair-relations';

/** Spans in seconds for readable tables. */
const span = (start: number, end: number) => ({ start: start * 1000, end: end * 1000 });

describe(overlapMs.name, () => {
  it.each([
    [span(0, 5), span(3, 8), 2000],
    [span(0, 5), span(5, 8), 0],
    [span(0, 5), span(1, 2), 1000],
    [span(4, 6), span(0, 2), 0],
  ])('%o and %o overlap by %i ms', (a, b, expected) => {
    expect(overlapMs(a, b)).toBe(expected);
    expect(overlapMs(b, a)).toBe(expected);
  });
});

describe(isInterruption.name, () => {
  it.each([
    ['B comes in, overlaps 1.5 s, holds a 6 s turn, A stops first', span(0, 10), span(8.5, 14.5), true],
    ['overlap of exactly 1 s is not enough', span(0, 10), span(9, 15.5), false],
    ["B's turn of exactly 5 s is not enough", span(0, 10), span(8.5, 13.5), false],
    ['A keeps going after B (A does not stop first)', span(0, 20), span(8, 15), false],
    ['B started first: A interrupted nobody, B was not interrupting', span(5, 10), span(0, 12), false],
  ])('%s → %s', (_label, interrupted, interrupter, expected) => {
    expect(isInterruption(interrupted, interrupter, parameters)).toBe(expected);
  });
});

describe(isAffirmation.name, () => {
  it.each([
    ['a 0.6 s "mm-hm" inside A\'s turn', span(0, 10), span(4, 4.6), true],
    ['overlap of exactly 0.25 s is not enough', span(0, 10), span(9.75, 9.9), false],
    ['a turn of 2 s is not short enough', span(0, 10), span(4, 6), false],
    ["ending after A's end is taking over, not affirming", span(0, 10), span(9.5, 10.5), false],
  ])('%s → %s', (_label, speaker, affirmer, expected) => {
    expect(isAffirmation(speaker, affirmer, parameters)).toBe(expected);
  });
});

describe(transitionGapMs.name, () => {
  it.each([
    ['j starts 1 s after i ends', span(0, 5), span(6, 9), 1000],
    ['j starts exactly 3 s after', span(0, 5), span(8, 9), 3000],
    ['j starts 3.1 s after: no transition', span(0, 5), span(8.1, 9), undefined],
    ['overlapping hand-over', span(0, 5), span(4.5, 9), -500],
    ['j inside i (a backchannel) is not a hand-over', span(0, 5), span(2, 3), undefined],
    ['j started before i: not a response to i', span(1, 5), span(0, 9), undefined],
  ])('%s → %s', (_label, previous, next, expected) => {
    expect(transitionGapMs(previous, next, parameters)).toBe(expected);
  });
});

describe(responseLatencySeconds.name, () => {
  it.each([
    [-500, undefined],
    [0, 0],
    [450, 0.45],
    [3000, 3],
    [3001, undefined],
  ])('gap %i ms → %s s', (gapMs, expected) => {
    expect(responseLatencySeconds(gapMs, parameters)).toBe(expected);
  });
});
