import type { SessionSnapshot } from './analyzer';
import { SnapshotStore } from './snapshot-store';
import type { SnapshotSource } from './session-output';
import { FakeAnalyzer } from './testing/fake-analyzer';

/** A session's snapshots as the store sees them: each tick's, and its latest built anew when asked. */
class TickingSession implements SnapshotSource {
  private readonly analyzer: FakeAnalyzer;
  private lastAt: number | undefined;

  constructor(sessionId: string) {
    this.analyzer = new FakeAnalyzer(sessionId);
  }

  tick(at: number): SessionSnapshot {
    this.lastAt = at;
    return this.analyzer.snapshot(at);
  }

  latestSnapshot(): SessionSnapshot | undefined {
    return this.lastAt === undefined ? undefined : this.analyzer.snapshot(this.lastAt);
  }
}

describe(SnapshotStore.name, () => {
  let sut: SnapshotStore;
  let sessions: Record<string, TickingSession>;
  const tick = (sessionId: string, at: number) => {
    sessions[sessionId] ??= new TickingSession(sessionId);
    sut.publish(sessions[sessionId].tick(at), sessions[sessionId]);
  };

  beforeEach(() => {
    sut = new SnapshotStore();
    sessions = {};
  });

  it('gives the latest snapshot of each session, built by its source when asked rather than kept', () => {
    tick('A', 1);
    tick('B', 5);
    tick('A', 2);
    expect(sut.latest('A')?.at).toBe(2);
    expect(sut.latest('A')).not.toBe(sut.latest('A'));
    expect(sut.latest('B')?.at).toBe(5);
    expect(sut.latest('C')).toBeUndefined();
  });

  it('streams the latest snapshot, then each new one of that session only', () => {
    tick('A', 1);
    const seen: Array<[string, number]> = [];
    const subscription = sut.snapshots$('A').subscribe((snapshot) => seen.push([snapshot.sessionId, snapshot.at]));
    tick('B', 7);
    tick('A', 2);
    subscription.unsubscribe();
    tick('A', 3);
    expect(seen).toEqual([
      ['A', 1],
      ['A', 2],
    ]);
  });

  it('forgets an ended session and completes its streams', () => {
    tick('A', 1);
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
    tick('A', 4);
    expect(seen).toEqual([4]);
  });
});
