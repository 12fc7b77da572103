import { Injectable } from '@nestjs/common';
import type { SessionSnapshot } from '@attune/metrics';
import type { Observable } from 'rxjs';
import type { ViewerPrincipal } from '../auth/principal';
import { DomainError, forbidden } from '../common/domain-error';
import { PipelineService } from '../pipeline/pipeline.service';
import { SessionsService } from '../sessions/sessions.service';
import { FacilitatorEventLog } from './facilitator-event-log';
import type { LiveSessionInfo } from './live-events';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/**
 * What a viewer of the live view may see: the room check, the roster with display names
 * (which go only to the session's facilitator or the admin, never to members), and the
 * pipeline's snapshots.
 */
@Injectable()
export class LiveViewService {
  constructor(
    private readonly sessions: SessionsService,
    private readonly pipeline: PipelineService,
    private readonly eventLog: FacilitatorEventLog,
  ) {}

  /** Throws `forbidden` unless the viewer may watch this session. */
  authorize(viewer: ViewerPrincipal, sessionId: string): void {
    if (viewer.kind === 'facilitator' && viewer.sessionId !== sessionId) {
      throw forbidden('This facilitator link is for another session');
    }
  }

  async sessionInfo(viewer: ViewerPrincipal, sessionId: string): Promise<LiveSessionInfo> {
    this.authorize(viewer, sessionId);
    if (!UUID.test(sessionId)) throw new DomainError('not-found', 'Session not found');
    const session = await this.sessions.getSession(sessionId);
    return {
      sessionId,
      title: session.title,
      status: session.status,
      participants: session.participants.map(({ id, displayName, role }) => ({ id, displayName, role })),
      facilitatorCodes: this.eventLog.facilitatorCodes,
      viewer: viewer.kind,
      canLogEvents: viewer.kind === 'facilitator',
    };
  }

  /**
   * The latest snapshot of a live session; of an ended one, its last (its final state); null
   * before a session's first data.
   */
  async latestSnapshot(sessionId: string, status: LiveSessionInfo['status']): Promise<SessionSnapshot | null> {
    if (status === 'ended') return (await this.pipeline.finalSnapshot(sessionId)) ?? null;
    try {
      return this.pipeline.latestSnapshot(sessionId);
    } catch (error) {
      if (error instanceof DomainError && error.code === 'not-found') return null;
      throw error;
    }
  }

  /** One snapshot a second (the pipeline's pace) while the session is live. */
  snapshots$(sessionId: string): Observable<SessionSnapshot> {
    return this.pipeline.snapshots$(sessionId);
  }
}
