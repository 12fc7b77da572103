import { Observable, Subject } from 'rxjs';
import type { SessionSnapshot } from './analyzer';
import type { SnapshotSource } from './session-output';

/**
 * The latest snapshot of each live session, and a stream per session for whoever watches it
 * (the dashboard gateway). Memory follows live sessions: a session's entry goes when it ends,
 * and a stream's subject when its last watcher leaves.
 *
 * The latest snapshot is built when asked, by the session's source, not kept: a snapshot kept
 * for the second until the next one outlived two young-generation collections and was
 * promoted, then died. At a thousand sessions that was a third of all the bytes promoted, and
 * promoted garbage sets how often the whole heap must be marked (docs/metrics.md, Performance).
 */
export class SnapshotStore {
  private readonly sources = new Map<string, SnapshotSource>();
  private readonly watchers = new Map<string, Subject<SessionSnapshot>>();

  /** `snapshot`, from a tick of the session that `source` builds it for. */
  publish(snapshot: SessionSnapshot, source: SnapshotSource): void {
    this.sources.set(snapshot.sessionId, source);
    this.watchers.get(snapshot.sessionId)?.next(snapshot);
  }

  latest(sessionId: string): SessionSnapshot | undefined {
    return this.sources.get(sessionId)?.latestSnapshot();
  }

  /** The latest snapshot (if any), then each new one; completes when the session ends. */
  snapshots$(sessionId: string): Observable<SessionSnapshot> {
    return new Observable<SessionSnapshot>((subscriber) => {
      let subject = this.watchers.get(sessionId);
      if (!subject) {
        subject = new Subject<SessionSnapshot>();
        this.watchers.set(sessionId, subject);
      }
      const latest = this.latest(sessionId);
      if (latest) subscriber.next(latest);
      const subscription = subject.subscribe(subscriber);
      const watched = subject;
      return () => {
        subscription.unsubscribe();
        if (!watched.observed && this.watchers.get(sessionId) === watched) this.watchers.delete(sessionId);
      };
    });
  }

  /** The session ended: forget its snapshot and complete its watchers' streams. */
  release(sessionId: string): void {
    this.sources.delete(sessionId);
    const subject = this.watchers.get(sessionId);
    this.watchers.delete(sessionId);
    subject?.complete();
  }

  get size(): number {
    return this.sources.size;
  }
}
