import { BeforeApplicationShutdown, Inject, Injectable, Logger } from '@nestjs/common';
import { DEFAULT_FACILITATOR_CODES, PROTOCOL_VERSION } from '@attune/protocol';
import { randomUUID } from 'node:crypto';
import { Subject, type Observable } from 'rxjs';
import type { FacilitatorPrincipal, ParticipantPrincipal } from '../auth/principal';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { IngestService } from '../ingest/ingest.service';
import { ParticipantRegistry } from '../ingest/participant-registry';
import { UNDO_WINDOW_MS, type LoggedEventView, type LogEventRequest } from './live-events';

/**
 * Seqs of the facilitator's own call collector and of the dashboard share one stream (the
 * protocol has one per participant). The dashboard jumps this far above the highest seq
 * accepted so far, so the collector's next envelopes do not collide with its own.
 */
const SEQ_HEADROOM = 1024;

interface PendingEvent {
  view: LoggedEventView;
  principal: FacilitatorPrincipal;
  timer: NodeJS.Timeout;
}

/**
 * One-tap events from the facilitator's live view. An event stays pending for the undo window
 * (10 s): undo simply drops it, so nothing is stored or analysed that the facilitator took back.
 * When the window closes it goes through ingest as the facilitator's own protocol message
 * (validated, stored and analysed like any other) with the time it was tapped.
 */
@Injectable()
export class FacilitatorEventLog implements BeforeApplicationShutdown {
  private readonly logger = new Logger(FacilitatorEventLog.name);
  private readonly pending = new Map<string, PendingEvent>();
  private readonly bySession = new Map<string, LoggedEventView[]>();
  private readonly lastSeq = new Map<string, number>();
  private readonly changes = new Subject<{ sessionId: string; event: LoggedEventView }>();
  readonly changes$: Observable<{ sessionId: string; event: LoggedEventView }> = this.changes.asObservable();
  private readonly codes: ReadonlySet<string>;

  constructor(
    @Inject(APP_CONFIG) config: AppConfig,
    private readonly ingest: IngestService,
    private readonly registry: ParticipantRegistry,
  ) {
    this.codes = new Set([...DEFAULT_FACILITATOR_CODES, ...config.extraFacilitatorCodes]);
  }

  get facilitatorCodes(): string[] {
    return [...this.codes];
  }

  /** Events logged in a session since start-up, oldest first. */
  list(sessionId: string): LoggedEventView[] {
    return [...(this.bySession.get(sessionId) ?? [])];
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
      const ack = await this.ingest.ingestEnvelope(sender, {
        v: PROTOCOL_VERSION,
        sessionId: principal.sessionId,
        participantId: principal.participantId,
        seq: await this.nextSeq(principal.participantId),
        sentAt: Date.now(),
        messages: [
          {
            kind: 'facilitator-event',
            at: view.at,
            code: view.code,
            ...(view.participantId ? { participantId: view.participantId } : {}),
          },
        ],
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

  private async nextSeq(participantId: string): Promise<number> {
    const participant = await this.registry.get(participantId);
    let highestAccepted = -1;
    while (participant?.seqs.has(highestAccepted + 1)) highestAccepted++;
    const seq = Math.max((this.lastSeq.get(participantId) ?? -1) + 1, highestAccepted + SEQ_HEADROOM);
    this.lastSeq.set(participantId, seq);
    return seq;
  }

  private remember(sessionId: string, view: LoggedEventView): void {
    const events = this.bySession.get(sessionId) ?? [];
    events.push(view);
    if (events.length > 500) events.shift();
    this.bySession.set(sessionId, events);
    this.changes.next({ sessionId, event: view });
  }

  private update(sessionId: string, view: LoggedEventView): LoggedEventView {
    const events = this.bySession.get(sessionId) ?? [];
    const index = events.findIndex((event) => event.id === view.id);
    if (index >= 0) events[index] = view;
    this.changes.next({ sessionId, event: view });
    return view;
  }
}
