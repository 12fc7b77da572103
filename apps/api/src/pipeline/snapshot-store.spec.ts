import type { SessionSnapshot } from './analyzer';
import { SnapshotStore } from './snapshot-store';
import { FakeAnalyzer } from './testing/fake-analyzer';

const snapshotOf = (sessionId: string, at: number): SessionSnapshot => new FakeAnalyzer(sessionId).snapshot(at);

describe(SnapshotStore.name, () => {
  let sut: SnapshotStore;

  beforeEach(() => {
    sut = new SnapshotStore();
  });

  it('keeps the latest snapshot of each session', () => {
    sut.publish(snapshotOf('A', 1));
    sut.publish(snapshotOf('B', 5));
    sut.publish(snapshotOf('A', 2));
    expect(sut.latest('A')?.at).toBe(2);
    expect(sut.latest('B')?.at).toBe(5);
    expect(sut.latest('C')).toBeUndefined();
  });

  it('streams the latest snapshot, then each new one of that session only', () => {
    sut.publish(snapshotOf('A', 1));
    const seen: Array<[string, number]> = [];
    const subscription = sut.snapshots$('A').subscribe((snapshot) => seen.push([snapshot.sessionId, snapshot.at]));
    sut.publish(snapshotOf('B', 7));
    sut.publish(snapshotOf('A', 2));
    subscription.unsubscribe();
    sut.publish(snapshotOf('A', 3));
    expect(seen).toEqual([
      ['A', 1],
      ['A', 2],
    ]);
  });

  it('forgets an ended session and completes its streams', () => {
    sut.publish(snapshotOf('A', 1));
    let completed = false;
    sut.snapshots$('A').subscribe({ complete: () => (completed = true) });
    sut.release('A');
    expect(completed).toBe(true);
    expect(sut.latest('A')).toBeUndefined();
    expect(sut.size).toBe(0);
  });

  it('lets a watcher wait for a session that has no snapshot yet', () => {
    const seen: number[] = [];
    sut.snapshots$('A').subscribe((snapshot) => seen.push(snapshot.at));
    sut.publish(snapshotOf('A', 4));
    expect(seen).toEqual([4]);
  });
});
