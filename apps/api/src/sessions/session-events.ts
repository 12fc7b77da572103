import { Injectable } from '@nestjs/common';
import { Observable, Subject } from 'rxjs';

export interface SessionStatusChange {
  sessionId: string;
  status: 'live' | 'ended';
}

/** Tells other modules (ingest, later the pipeline) that a session started or ended. */
@Injectable()
export class SessionEvents {
  private readonly subject = new Subject<SessionStatusChange>();
  readonly statusChanges$: Observable<SessionStatusChange> = this.subject.asObservable();

  publish(change: SessionStatusChange): void {
    this.subject.next(change);
  }
}
