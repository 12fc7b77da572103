import { SeqWindow } from './seq-window';

describe(SeqWindow.name, () => {
  it('knows the seqs it was given and no others', () => {
    const sut = new SeqWindow(8);
    [0, 1, 2, 5].forEach((seq) => sut.add(seq));
    expect([0, 1, 2, 3, 4, 5, 6].map((seq) => sut.has(seq))).toEqual([true, true, true, false, false, true, false]);
  });

  it('accepts seqs that arrive out of order inside the window', () => {
    const sut = new SeqWindow(8);
    sut.add(10);
    expect(sut.has(7)).toBe(false);
    sut.add(7);
    expect(sut.has(7)).toBe(true);
    expect(sut.has(8)).toBe(false);
  });

  it('forgets the slots a jump passes over, so they do not look like duplicates', () => {
    const sut = new SeqWindow(8);
    for (let seq = 0; seq < 8; seq++) sut.add(seq);
    sut.add(12);
    expect([8, 9, 10, 11].map((seq) => sut.has(seq))).toEqual([false, false, false, false]);
    expect(sut.has(12)).toBe(true);
  });

  it('treats seqs older than the window as already received', () => {
    const sut = new SeqWindow(8);
    sut.add(100);
    expect(sut.has(92)).toBe(true);
    expect(sut.has(93)).toBe(false);
  });

  it('handles a jump larger than the window', () => {
    const sut = new SeqWindow(4);
    [0, 1, 2, 3].forEach((seq) => sut.add(seq));
    sut.add(1000);
    expect([997, 998, 999, 1000].map((seq) => sut.has(seq))).toEqual([false, false, false, true]);
  });
});
