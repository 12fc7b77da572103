import { SeqCounter, type KeyValueStorage } from './seq-counter';

class MemoryStorage implements KeyValueStorage {
  readonly items = new Map<string, string>();
  getItem(key: string): string | null {
    return this.items.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.items.set(key, value);
  }
}

describe(SeqCounter.name, () => {
  it('starts at the wall clock in ms and counts up', () => {
    const sut = new SeqCounter('p1', undefined, 1_700_000_000_000);
    expect([sut.take(), sut.take()]).toEqual([1_700_000_000_000, 1_700_000_000_001]);
  });

  it('after a reload never reuses a seq, even when the clock went back', () => {
    const storage = new MemoryStorage();
    const first = new SeqCounter('p1', storage, 5_000);
    for (let index = 0; index < 10; index++) first.take();
    const reloaded = new SeqCounter('p1', storage, 1_000); // clock set back
    expect(reloaded.take()).toBe(5_010);
  });

  it('keeps participants apart and survives a storage that throws', () => {
    const storage = new MemoryStorage();
    new SeqCounter('p1', storage, 9_000).take();
    expect(new SeqCounter('p2', storage, 100).take()).toBe(100);
    const broken: KeyValueStorage = {
      getItem: () => {
        throw new Error('SecurityError');
      },
      setItem: () => {
        throw new Error('QuotaExceededError');
      },
    };
    const sut = new SeqCounter('p1', broken, 42);
    expect([sut.take(), sut.take()]).toEqual([42, 43]);
  });
});
