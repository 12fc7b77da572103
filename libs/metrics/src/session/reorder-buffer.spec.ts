import { ReorderBuffer } from './reorder-buffer';

describe(ReorderBuffer.name, () => {
  it('releases items up to the watermark in event-time order, ties in arrival order', () => {
    const sut = new ReorderBuffer<string>();
    for (const [at, item] of [
      [5, 'e'],
      [1, 'a'],
      [3, 'c1'],
      [9, 'i'],
      [3, 'c2'],
      [2, 'b'],
    ] as const) {
      sut.push(at, item);
    }
    expect(sut.releaseUntil(3)).toEqual(['a', 'b', 'c1', 'c2']);
    expect(sut.size).toBe(2);
    expect(sut.peekTime()).toBe(5);
    expect(sut.releaseUntil(4)).toEqual([]);
    expect(sut.releaseUntil(Infinity)).toEqual(['e', 'i']);
  });

  it('stays ordered over many random pushes', () => {
    const sut = new ReorderBuffer<number>();
    let seed = 7;
    const random = () => (seed = (seed * 16807) % 2147483647) / 2147483647;
    const times = Array.from({ length: 2000 }, () => Math.floor(random() * 500));
    times.forEach((at) => sut.push(at, at));
    expect(sut.releaseUntil(Infinity)).toEqual([...times].sort((a, b) => a - b));
  });
});
