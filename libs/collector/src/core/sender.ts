import type { IngestAck, IngestErrorFrame, IngestServerFrame } from '@attune/protocol/transport';
import { StatsBaselines } from '../stats/stats-baselines';
import { Backoff, DEFAULT_BACKOFF, type BackoffOptions } from '../transport/backoff';
import { IngestLink, SERVER_UNREACHABLE, type LinkTransport } from '../transport/ingest-link';
import { Outbox, type OutboxLimits, type PackedEnvelope } from '../transport/outbox';
import { SeqCounter, type KeyValueStorage } from '../transport/seq-counter';
import type { FetchLike, WebSocketConstructor } from './platform';
import { eventTimeOf, type StatsReportRecord, type WireMessage } from './wire';

export interface SenderOptions {
  endpoint: string;
  sessionId: string;
  participantId: string;
  token: string;
  WebSocket?: WebSocketConstructor;
  fetch?: FetchLike;
  storage?: KeyValueStorage;
  limits: OutboxLimits;
  backoff?: BackoffOptions;
  httpFallbackAfterFailures?: number;
  /** An envelope not answered this long after sending is sent again (same seq). */
  ackTimeoutMs?: number;
  /**
   * Sends of one envelope that the server failed (no answer in time, or an error without a
   * time to come back) after which it is given up, counted as dropped. Sends that could not
   * reach the server, or that it asked to repeat later, do not count: an outage only delays.
   */
  maxAttempts?: number;
  random?: () => number;
}

export interface DeliveryStatus {
  connected: boolean;
  transport: LinkTransport;
  bufferedMessages: number;
  droppedMessages: number;
  sentEnvelopes: number;
  ackedEnvelopes: number;
  lastAckAt?: number;
}

/** keepalive requests may carry 64 KiB in total; leave room for the envelope header. */
const BEACON_BUDGET_BYTES = 60_000;

interface SendState {
  /** When this envelope was last handed to the link; undefined: it is due (again). */
  lastSentAt?: number;
  attempts: number;
}

/**
 * Delivery: messages in, acknowledged envelopes out. Packs the bounded outbox into envelopes,
 * sends them, matches acks by seq, resends unanswered envelopes under the same seq after a
 * reconnection, honours rate limits, turns rejected stats deltas into full resends, and keeps
 * the per-peer-connection baselines the deltas are computed against.
 */
export class Sender {
  readonly baselines = new StatsBaselines();
  private readonly outbox: Outbox;
  private readonly link: IngestLink;
  private readonly seqs: SeqCounter;
  private readonly retryBackoff: Backoff;
  private readonly sendStates = new Map<number, SendState>();
  private readonly flushWaiters: { ordinal: number; resolve(): void }[] = [];
  private nextOrdinal = 0;
  private holdUntil = 0;
  private pumpTimer: ReturnType<typeof setTimeout> | undefined;
  private sentEnvelopes = 0;
  private ackedEnvelopes = 0;
  private lastAckAt: number | undefined;
  private running = false;

  constructor(private readonly options: SenderOptions) {
    this.outbox = new Outbox(options.limits);
    this.seqs = new SeqCounter(options.participantId, options.storage, Date.now());
    this.retryBackoff = new Backoff(options.backoff ?? DEFAULT_BACKOFF, options.random);
    this.link = new IngestLink({
      endpoint: options.endpoint,
      sessionId: options.sessionId,
      token: options.token,
      WebSocket: options.WebSocket,
      fetch: options.fetch,
      backoff: new Backoff(options.backoff ?? DEFAULT_BACKOFF, options.random),
      httpFallbackAfterFailures: options.httpFallbackAfterFailures ?? 3,
      onFrame: (frame) => this.onFrame(frame),
      onReady: () => this.onReady(),
    });
  }

  start(): void {
    this.running = true;
    this.link.start();
  }

  /** Closes the link; what is still buffered is kept (and lost with the page). */
  stop(): void {
    this.running = false;
    clearTimeout(this.pumpTimer);
    this.link.stop();
  }

  status(): DeliveryStatus {
    return {
      connected: this.link.connected,
      transport: this.link.transport,
      bufferedMessages: this.outbox.messageCount,
      droppedMessages: this.outbox.droppedMessages,
      sentEnvelopes: this.sentEnvelopes,
      ackedEnvelopes: this.ackedEnvelopes,
      ...(this.lastAckAt === undefined ? {} : { lastAckAt: this.lastAckAt }),
    };
  }

  /** Queues a message; `first` puts it ahead of what is pending, outside the buffer's bounds. */
  enqueue(
    message: WireMessage,
    report?: StatsReportRecord,
    { first = false, ordinal = this.nextOrdinal++ } = {},
  ): void {
    const bytes = JSON.stringify(message).length;
    this.outbox.add({ message, ordinal, at: eventTimeOf(message), bytes, report }, { first });
  }

  /** Queues a stats report, as a delta when the server holds a baseline for its peer connection. */
  enqueueReport(report: StatsReportRecord): void {
    this.enqueue(this.baselines.encode(report), report);
  }

  /** Consent withdrawn: messages not yet sent are not sent. */
  discardPending(): void {
    this.outbox.clearPending();
  }

  /** Sends whatever can go now. */
  pump(): void {
    clearTimeout(this.pumpTimer);
    this.pumpTimer = undefined;
    if (!this.running || !this.link.canSend) return;
    const now = Date.now();
    if (now < this.holdUntil) {
      this.pumpTimer = setTimeout(() => this.pump(), this.holdUntil - now);
      return;
    }
    this.resendUnanswered(now);
    const gap = this.outbox.takeGap();
    if (gap) this.enqueue({ kind: 'client-event', type: 'collector-gap', at: now, ...gap }, undefined, { first: true });
    for (const envelope of this.outbox.pack(() => this.seqs.take())) this.sendStates.set(envelope.seq, { attempts: 0 });
    const due = this.outbox
      .unacknowledged()
      .filter((envelope) => this.sendStates.get(envelope.seq)?.lastSentAt === undefined);
    if (due.length === 0) return;
    this.link.send(due.map((envelope) => ({ seq: envelope.seq, json: this.serialize(envelope, now) })));
  }

  /** Resolves once every message queued before the call is acknowledged or given up. */
  flush(timeoutMs: number): Promise<void> {
    const ordinal = this.nextOrdinal - 1;
    if (this.outbox.oldestUndeliveredOrdinal() > ordinal) return Promise.resolve();
    this.pump();
    return new Promise<void>((resolve, reject) => {
      const timer = setTimeout(() => {
        const index = this.flushWaiters.indexOf(waiter);
        if (index >= 0) this.flushWaiters.splice(index, 1);
        reject(new Error(`attune collector: not everything was acknowledged within ${timeoutMs} ms`));
      }, timeoutMs);
      const waiter = {
        ordinal,
        resolve: () => {
          clearTimeout(timer);
          resolve();
        },
      };
      this.flushWaiters.push(waiter);
    });
  }

  /**
   * A last envelope for a closing page, by `fetch(…, { keepalive: true })` (a socket does not
   * outlive the page): `message` after what is still pending, within keepalive's 64 KiB budget.
   * Envelopes already sent and unanswered cannot join it (they keep their own seqs).
   */
  sendBeacon(message: WireMessage): void {
    const fetchFunction = this.options.fetch ?? globalThis.fetch;
    if (!fetchFunction) return;
    const lastMessageBytes = JSON.stringify(message).length;
    const entries = this.outbox.takePending(BEACON_BUDGET_BYTES - lastMessageBytes);
    entries.push({ message, ordinal: this.nextOrdinal++, at: eventTimeOf(message), bytes: lastMessageBytes });
    const json = this.serialize({ seq: this.seqs.take(), entries }, Date.now());
    fetchFunction(this.link.batchUrl(), {
      method: 'POST',
      headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.options.token}` },
      body: `{"envelopes":[${json}]}`,
      keepalive: true,
    }).catch(() => undefined); // the page is going away: nobody is left to retry
  }

  private serialize(envelope: PackedEnvelope, now: number): string {
    envelope.sentAt ??= now;
    const state = this.sendStates.get(envelope.seq);
    if (state) {
      state.lastSentAt = now;
      state.attempts++;
    }
    this.sentEnvelopes++;
    return JSON.stringify({
      v: 1,
      sessionId: this.options.sessionId,
      participantId: this.options.participantId,
      seq: envelope.seq,
      sentAt: envelope.sentAt,
      messages: envelope.entries.map((entry) => entry.message),
    });
  }

  /** Envelopes sent and never answered (frame lost, or the server could not read it) go again. */
  private resendUnanswered(now: number): void {
    const timeout = this.options.ackTimeoutMs ?? 10_000;
    for (const envelope of this.outbox.unacknowledged()) {
      const state = this.sendStates.get(envelope.seq);
      if (state?.lastSentAt !== undefined && now - state.lastSentAt >= timeout) this.markDue(envelope.seq);
    }
  }

  /** The envelope goes again with the next pump, unless it has been tried too often. */
  private markDue(seq: number): void {
    const state = this.sendStates.get(seq);
    if (!state) return;
    if (state.attempts >= (this.options.maxAttempts ?? 8)) {
      this.outbox.drop(seq);
      this.sendStates.delete(seq);
      this.resolveFlushes();
      return;
    }
    state.lastSentAt = undefined;
  }

  private onReady(): void {
    // A new connection: nothing sent on the old one can still be answered.
    for (const state of this.sendStates.values()) state.lastSentAt = undefined;
    this.pump();
  }

  private onFrame(frame: IngestServerFrame): void {
    if (frame.type === 'ack') this.onAck(frame);
    else this.onError(frame);
    this.resolveFlushes();
    this.pump();
  }

  private onAck(ack: IngestAck): void {
    if (ack.seq === null) return;
    const envelope = this.outbox.get(ack.seq);
    if (!envelope) return;
    if (ack.status === 'rejected' && ack.envelopeIssues?.some((issue) => issue.path === '')) {
      // The envelope as a whole was refused for a passing reason (the server is shutting down).
      this.sendAgainUncounted(ack.seq);
      this.retryLater(ack.seq);
      return;
    }
    this.outbox.settle(ack.seq);
    this.sendStates.delete(ack.seq);
    this.ackedEnvelopes++;
    this.lastAckAt = Date.now();
    this.retryBackoff.reset();
    const rejected = new Set(ack.rejected.map((rejection) => rejection.index));
    envelope.entries.forEach((entry, index) => {
      if (!entry.report || entry.message.kind !== 'stats') return;
      const stored = ack.status !== 'rejected' && !rejected.has(index);
      if (stored) {
        this.baselines.stored(ack.seq as number, entry.report);
      } else if (entry.message.deltaOf !== undefined) {
        // Most likely the server no longer holds the baseline (it restarted): send the report whole.
        this.baselines.invalidate(entry.report.peerConnectionId, entry.message.deltaOf);
        this.enqueue(StatsBaselines.full(entry.report), entry.report, { ordinal: entry.ordinal });
      }
    });
  }

  private onError(frame: IngestErrorFrame): void {
    const seq = frame.seq;
    switch (frame.code) {
      case 'rate-limited':
        this.holdUntil = Date.now() + (frame.retryAfterMs ?? 1000);
        if (seq !== undefined) this.sendAgainUncounted(seq);
        return;
      case 'internal':
        // A server that is down, restarting or working off a backlog did not fail on this
        // envelope: it goes again, after the retryAfterMs it asked for, without using up an attempt.
        if (frame.retryAfterMs !== undefined)
          this.holdUntil = Math.max(this.holdUntil, Date.now() + frame.retryAfterMs);
        if (seq === undefined) return;
        if (frame.retryAfterMs !== undefined || frame.reason === SERVER_UNREACHABLE) this.sendAgainUncounted(seq);
        this.retryLater(seq);
        return;
      case 'payload-too-large':
        if (seq !== undefined) this.split(seq);
        return;
      case 'malformed-json':
      case 'invalid-input':
        // No seq comes with these; the ack timeout resends, and maxAttempts ends the loop.
        return;
    }
  }

  /** Not the envelope's fault: this send does not count towards maxAttempts. */
  private sendAgainUncounted(seq: number): void {
    const state = this.sendStates.get(seq);
    if (!state) return;
    state.attempts = Math.max(0, state.attempts - 1);
    state.lastSentAt = undefined;
  }

  private retryLater(seq: number): void {
    this.holdUntil = Math.max(this.holdUntil, Date.now() + this.retryBackoff.nextDelayMs());
    this.markDue(seq);
  }

  /** An envelope over the server's size limit was not stored: its messages go again in two halves. */
  private split(seq: number): void {
    const envelope = this.outbox.settle(seq);
    this.sendStates.delete(seq);
    if (!envelope) return;
    if (envelope.entries.length === 1) {
      this.outbox.countDropped(envelope.entries);
      return;
    }
    const middle = Math.ceil(envelope.entries.length / 2);
    for (const entries of [envelope.entries.slice(0, middle), envelope.entries.slice(middle)]) {
      const half = this.outbox.adopt(entries, this.seqs.take());
      this.sendStates.set(half.seq, { attempts: 0 });
    }
  }

  private resolveFlushes(): void {
    const oldest = this.outbox.oldestUndeliveredOrdinal();
    for (const waiter of [...this.flushWaiters]) {
      if (waiter.ordinal < oldest) {
        this.flushWaiters.splice(this.flushWaiters.indexOf(waiter), 1);
        waiter.resolve();
      }
    }
  }
}
