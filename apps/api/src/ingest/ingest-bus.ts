import { Injectable } from '@nestjs/common';
import type { EnvelopeHeader, Message } from '@attune/protocol';
import { Observable, Subject } from 'rxjs';

/** Messages that ingest accepted (valid, consented, not duplicates), in arrival order. */
export interface IngestedEnvelope {
  header: EnvelopeHeader;
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
