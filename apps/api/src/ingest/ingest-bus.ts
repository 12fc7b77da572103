import { Injectable } from '@nestjs/common';
import type { Message } from '@attune/protocol';
import { Observable, Subject } from 'rxjs';

/**
 * Who sent accepted messages: a participant's device, with its envelope's seq, or the live view
 * on the facilitator's behalf (no seq: the live view is not one of their devices).
 */
export interface MessageSource {
  sessionId: string;
  participantId: string;
  seq: number | undefined;
}

/**
 * Messages that ingest accepted (valid, consented, not duplicates), in arrival order. None when
 * it accepted none of an envelope's messages: its seq is settled all the same.
 */
export interface IngestedEnvelope {
  header: MessageSource;
  messages: Message[];
  receivedAt: number;
}

/**
 * Hands accepted data to whoever computes from it (the live pipeline), without ingest
 * knowing who listens. Synchronous and in-process: one instance owns a session's state.
 */
@Injectable()
export class IngestBus {
  private readonly subject = new Subject<IngestedEnvelope>();
  readonly envelopes$: Observable<IngestedEnvelope> = this.subject.asObservable();

  publish(envelope: IngestedEnvelope): void {
    if (this.subject.observed) this.subject.next(envelope);
  }
}
