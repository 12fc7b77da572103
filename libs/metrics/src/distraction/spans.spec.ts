import { subtractSpans } from './spans';

describe(subtractSpans.name, () => {
  it.each([
    ['no holes', [], [[0, 10]]],
    [
      'a hole in the middle',
      [[3, 4]],
      [
        [0, 3],
        [4, 10],
      ],
    ],
    [
      'holes over both ends',
      [
        [-1, 2],
        [8, 12],
      ],
      [[2, 8]],
    ],
    ['a hole covering everything', [[-1, 11]], []],
  ])('%s', (_label, holes, expected) => {
    const pieces = subtractSpans(
      { start: 0, end: 10 },
      holes.map(([start, end]) => ({ start, end })),
    );
    expect(pieces.map(({ start, end }) => [start, end])).toEqual(expected);
  });
});
