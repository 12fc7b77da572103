import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DEFAULT_FACILITATOR_CODES } from '@attune/protocol';
import { randomUUID } from 'node:crypto';
import { Subject, type Observable } from 'rxjs';
import type { FacilitatorPrincipal, ParticipantPrincipal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { IngestService } from '../ingest/ingest.service';
import { IngestWriter } from '../storage/ingest-writer';
import { FacilitatorObservationRepository } from '../storage/repositories';
import { UNDO_WINDOW_MS, type LoggedEventView, type LogEventRequest } from './live-events';

/** The timeline shows this many of a session's latest observations. */
const TIMELINE_LIMIT = 500;

interface PendingEvent {
  view: LoggedEventView;
  principal: FacilitatorPrincipal;
  timer: NodeJS.Timeout;
}

/**
 * One-tap events from the facilitator's live view. An event stays pending for the undo window
 * (10 s): undo simply drops it, so nothing is stored or analysed that the facilitator took back.
 * When the window closes it goes through ingest as the facilitator's own protocol message
 * (validated, stored and analysed like any other) with the time it was tapped. The timeline
 * is read back from the database, so it survives a restart; memory holds only what is not
 * stored yet (pending, undone, refused).
 */
@Injectable()
export class FacilitatorEventLog implements BeforeApplicationShutdown {
  private readonly logger = new Logger(FacilitatorEventLog.name);
  private readonly pending = new Map<string, PendingEvent>();
  private readonly unsent = new Map<string, LoggedEventView[]>();
  private readonly changes = new Subject<{ sessionId: string; event: LoggedEventView }>();
  readonly changes$: Observable<{ sessionId: string; event: LoggedEventView }> = this.changes.asObservable();
  private readonly codes: ReadonlySet<string>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly ingest: IngestService,
    private readonly writer: IngestWriter,
    private readonly observations: FacilitatorObservationRepository,
  ) {
    this.codes = new Set([...DEFAULT_FACILITATOR_CODES, ...config.extraFacilitatorCodes]);
  }

  get facilitatorCodes(): string[] {
    return [...this.codes];
  }

  /** The session's timeline of observations, oldest first: stored ones, then those not stored (yet). */
  async list(sessionId: string): Promise<LoggedEventView[]> {
    await this.writer.flush(); // an observation sent a moment ago is in the database too
    const stored = await this.observations.listForSession(sessionId, TIMELINE_LIMIT);
    const views: LoggedEventView[] = stored.map((observation) => ({
      id: `stored-${observation.id}`,
      code: observation.code,
      participantId: observation.participantId,
      at: observation.at.getTime(),
      status: 'sent',
      undoUntil: observation.at.getTime(),
    }));
    const unsent = (this.unsent.get(sessionId) ?? []).filter((view) => view.status !== 'sent');
    return [...views, ...unsent].sort((a, b) => a.at - b.at);
  }

  log(principal: FacilitatorPrincipal, request: LogEventRequest, now = Date.now()): LoggedEventView {
    if (typeof request?.code !== 'string' || !this.codes.has(request.code)) {
      throw new DomainError('invalid-input', `"${String(request?.code)}" is not a facilitator code on this server`);
    }
    const view: LoggedEventView = {
      id: randomUUID(),
      code: request.code,
      participantId: typeof request.participantId === 'string' ? request.participantId : null,
      at: now,
      status: 'pending',
      undoUntil: now + UNDO_WINDOW_MS,
    };
    const timer = setTimeout(() => void this.send(view.id), UNDO_WINDOW_MS);
    this.pending.set(view.id, { view, principal, timer });
    this.remember(principal.sessionId, view);
    return view;
  }

  undo(principal: FacilitatorPrincipal, id: string): LoggedEventView {
    const pending = this.pending.get(id);
    if (!pending || pending.principal.sessionId !== principal.sessionId) {
      throw new DomainError('conflict', 'This event can no longer be undone: it was sent or is unknown');
    }
    clearTimeout(pending.timer);
    this.pending.delete(id);
    return this.update(principal.sessionId, { ...pending.view, status: 'undone' });
  }

  /** What the facilitator tapped before shutdown is sent now rather than lost. */
  async beforeApplicationShutdown(): Promise<void> {
    for (const id of [...this.pending.keys()]) {
      clearTimeout(this.pending.get(id)?.timer);
      await this.send(id);
    }
  }

  private async send(id: string): Promise<void> {
    const pending = this.pending.get(id);
    if (!pending) return;
    this.pending.delete(id);
    const { view, principal } = pending;
    const sender: ParticipantPrincipal = {
      kind: 'participant',
      sessionId: principal.sessionId,
      participantId: principal.participantId,
      role: 'facilitator',
      expiresAt: principal.expiresAt,
    };
    try {
      const ack = await this.ingest.ingestObservation(sender, {
        kind: 'facilitator-event',
        at: view.at,
        code: view.code,
        ...(view.participantId ? { participantId: view.participantId } : {}),
      });
      if (ack.status === 'accepted') {
        this.update(principal.sessionId, { ...view, status: 'sent' });
      } else {
        const issues = [...(ack.envelopeIssues ?? []), ...ack.rejected.flatMap((message) => message.issues)];
        const reason = issues.map((issue) => issue.reason).join('; ') || ack.status;
        this.update(principal.sessionId, { ...view, status: 'rejected', reason });
      }
    } catch (error) {
      this.logger.error(`A logged event could not be sent: ${error instanceof Error ? error.message : 'unknown'}`);
      this.update(principal.sessionId, { ...view, status: 'rejected', reason: 'the server could not store it' });
    }
  }

  private remember(sessionId: string, view: LoggedEventView): void {
    const events = this.unsent.get(sessionId) ?? [];
    // Sent ones are in the database; undone and refused ones stay visible for a while.
    const kept = events.filter((event) => event.status !== 'sent').slice(-(TIMELINE_LIMIT - 1));
    kept.push(view);
    this.unsent.set(sessionId, kept);
    this.changes.next({ sessionId, event: view });
  }

  private update(sessionId: string, view: LoggedEventView): LoggedEventView {
    const events = this.unsent.get(sessionId) ?? [];
    const index = events.findIndex((event) => event.id === view.id);
    if (index >= 0) events[index] = view;
    this.changes.next({ sessionId, event: view });
    return view;
  }
}
