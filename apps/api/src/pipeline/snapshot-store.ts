import { Observable, Subject } from 'rxjs';
import type { SessionSnapshot } from './analyzer';

/**
 * The latest snapshot of each live session, and a stream per session for whoever watches it
 * (the dashboard gateway). Memory follows live sessions: a session's entry goes when it ends,
 * and a stream's subject when its last watcher leaves.
 */
export class SnapshotStore {
  private readonly latestBySession = new Map<string, SessionSnapshot>();
  private readonly watchers = new Map<string, Subject<SessionSnapshot>>();

  publish(snapshot: SessionSnapshot): void {
    this.latestBySession.set(snapshot.sessionId, snapshot);
    this.watchers.get(snapshot.sessionId)?.next(snapshot);
  }

  latest(sessionId: string): SessionSnapshot | undefined {
    return this.latestBySession.get(sessionId);
  }

  /** The latest snapshot (if any), then each new one; completes when the session ends. */
  snapshots$(sessionId: string): Observable<SessionSnapshot> {
    return new Observable<SessionSnapshot>((subscriber) => {
      let subject = this.watchers.get(sessionId);
      if (!subject) {
        subject = new Subject<SessionSnapshot>();
        this.watchers.set(sessionId, subject);
      }
      const latest = this.latestBySession.get(sessionId);
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
    this.latestBySession.delete(sessionId);
    const subject = this.watchers.get(sessionId);
    this.watchers.delete(sessionId);
    subject?.complete();
  }

  get size(): number {
    return this.latestBySession.size;
  }
}
