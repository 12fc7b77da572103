import { EnvelopeOrder } from './envelope-order';

describe(EnvelopeOrder.name, () => {
  let sut: EnvelopeOrder<string>;
  beforeEach(() => {
    sut = new EnvelopeOrder<string>(5_000);
  });

  it('passes envelopes that come in seq order straight on', () => {
    expect(sut.arrive('p', 100, 'a', 0)).toEqual(['a']);
    expect(sut.arrive('p', 101, 'b', 10)).toEqual(['b']);
    expect(sut.heldCount).toBe(0);
  });

  it('holds envelopes sent after a missing one until it arrives, then passes all on in seq order', () => {
    sut.arrive('p', 1, 'one', 0);
    expect(sut.arrive('p', 3, 'three', 100)).toEqual([]);
    expect(sut.arrive('p', 4, 'four', 200)).toEqual([]);
    expect(sut.heldCount).toBe(2);
    expect(sut.arrive('p', 2, 'two', 300)).toEqual(['two', 'three', 'four']);
    expect(sut.arrive('p', 5, 'five', 400)).toEqual(['five']);
    expect(sut.heldCount).toBe(0);
  });

  it('keeps each participant apart: one member’s missing envelope holds back nobody else', () => {
    sut.arrive('p', 1, 'p1', 0);
    sut.arrive('q', 7, 'q7', 0);
    expect(sut.arrive('p', 3, 'p3', 10)).toEqual([]);
    expect(sut.arrive('q', 8, 'q8', 10)).toEqual(['q8']);
  });

  it('gives up waiting after maxWaitMs (the collector may never deliver it) and goes on from there', () => {
    sut.arrive('p', 1, 'one', 0);
    sut.arrive('p', 3, 'three', 1_000);
    sut.arrive('p', 4, 'four', 2_000);
    expect(sut.expire(5_999)).toEqual([]);
    expect(sut.expire(6_000)).toEqual(['three', 'four']);
    expect(sut.arrive('p', 5, 'five', 6_100)).toEqual(['five']);
    // The missing one, should it come after all, is not waited for and still goes on.
    expect(sut.arrive('p', 2, 'two', 7_000)).toEqual(['two']);
  });

  it('takes a jump of more than 4096 seqs for a collector that started again (page reload), not a gap', () => {
    sut.arrive('p', 10, 'before', 0);
    sut.arrive('p', 12, 'held', 100);
    expect(sut.arrive('p', 1_700_000_000_000, 'reloaded', 200)).toEqual(['held', 'reloaded']);
    expect(sut.arrive('p', 1_700_000_000_001, 'next', 300)).toEqual(['next']);
  });

  it('holds at most 64 envelopes behind one gap', () => {
    sut.arrive('p', 0, 'first', 0);
    for (let seq = 2; seq <= 65; seq++) expect(sut.arrive('p', seq, `s${seq}`, seq)).toEqual([]);
    const released = sut.arrive('p', 66, 's66', 66);
    expect(released).toHaveLength(65);
    expect(released[0]).toBe('s2');
    expect(sut.heldCount).toBe(0);
  });

  it('continues after replayed (stored) envelopes, and gives everything held at the end', () => {
    sut.passed('p', 20);
    sut.passed('p', 21);
    expect(sut.arrive('p', 22, 'live', 0)).toEqual(['live']);
    sut.arrive('p', 24, 'held', 10);
    expect(sut.takeEverything()).toEqual(['held']);
  });
});
