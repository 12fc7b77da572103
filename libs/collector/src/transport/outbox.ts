import type { BufferedMessage } from '../core/wire';

export interface OutboxLimits {
  /** Messages kept while the server is unreachable (pending and unacknowledged together). */
  maxMessages: number;
  maxBytes: number;
  /** Per envelope; the server's default ceiling is 200 messages and 1 MiB. */
  maxMessagesPerEnvelope: number;
  maxEnvelopeBytes: number;
  /** Envelopes sent and not yet acknowledged; packing waits beyond this. */
  maxInFlight: number;
}

export const DEFAULT_OUTBOX_LIMITS: OutboxLimits = {
  maxMessages: 1500,
  maxBytes: 4 * 1024 * 1024,
  maxMessagesPerEnvelope: 100,
  maxEnvelopeBytes: 256 * 1024,
  maxInFlight: 8,
};

/** An envelope's content: fixed once packed, so a resend under the same seq is the same envelope. */
export interface PackedEnvelope {
  seq: number;
  /** Set when first sent, kept on resends. */
  sentAt?: number;
  entries: BufferedMessage[];
}

export interface CollectorGap {
  droppedMessages: number;
  from: number;
  to: number;
}

/**
 * The collector's bounded memory of undelivered messages: pending ones not yet in an envelope,
 * then packed envelopes awaiting their ack. When a bound is exceeded the oldest go first (whole
 * unacknowledged envelopes, then pending messages) and are counted, so a collector-gap event can
 * tell the server which stretch of data is incomplete.
 */
export class Outbox {
  private pending: BufferedMessage[] = [];
  private readonly unacked = new Map<number, PackedEnvelope>();
  private bytes = 0;
  private gap: CollectorGap | undefined;
  private droppedTotal = 0;

  constructor(readonly limits: OutboxLimits = DEFAULT_OUTBOX_LIMITS) {}

  get messageCount(): number {
    let count = this.pending.length;
    for (const envelope of this.unacked.values()) count += envelope.entries.length;
    return count;
  }

  get droppedMessages(): number {
    return this.droppedTotal;
  }

  get inFlightCount(): number {
    return this.unacked.size;
  }

  /** `first`: ahead of everything pending, and exempt from the bounds (the collector-gap report itself). */
  add(entry: BufferedMessage, { first = false } = {}): void {
    if (first) this.pending.unshift(entry);
    else this.pending.push(entry);
    this.bytes += entry.bytes;
    if (!first) this.enforceLimits();
  }

  /** Packs pending messages into new envelopes while the in-flight window allows; returns them. */
  pack(takeSeq: () => number): PackedEnvelope[] {
    const packed: PackedEnvelope[] = [];
    while (this.pending.length > 0 && this.unacked.size < this.limits.maxInFlight) {
      const entries: BufferedMessage[] = [];
      let size = 0;
      while (
        this.pending.length > 0 &&
        entries.length < this.limits.maxMessagesPerEnvelope &&
        (entries.length === 0 || size + this.pending[0].bytes <= this.limits.maxEnvelopeBytes)
      ) {
        const entry = this.pending.shift() as BufferedMessage;
        size += entry.bytes;
        entries.push(entry);
      }
      const envelope: PackedEnvelope = { seq: takeSeq(), entries };
      this.unacked.set(envelope.seq, envelope);
      packed.push(envelope);
    }
    return packed;
  }

  /** Wraps messages taken out of another envelope (split for size) in a new envelope. */
  adopt(entries: BufferedMessage[], seq: number): PackedEnvelope {
    const envelope: PackedEnvelope = { seq, entries };
    this.unacked.set(seq, envelope);
    for (const entry of entries) this.bytes += entry.bytes;
    return envelope;
  }

  /** Removes and returns pending messages, oldest first, up to `maxBytes` in total. */
  takePending(maxBytes: number): BufferedMessage[] {
    const taken: BufferedMessage[] = [];
    let size = 0;
    while (this.pending.length > 0 && size + this.pending[0].bytes <= maxBytes) {
      const entry = this.pending.shift() as BufferedMessage;
      size += entry.bytes;
      this.bytes -= entry.bytes;
      taken.push(entry);
    }
    return taken;
  }

  /** Unacknowledged envelopes, oldest first: what a new connection sends again, same seqs. */
  unacknowledged(): PackedEnvelope[] {
    return [...this.unacked.values()];
  }

  get(seq: number): PackedEnvelope | undefined {
    return this.unacked.get(seq);
  }

  /** The envelope is settled (acknowledged, or given up): forget it and return it. */
  settle(seq: number): PackedEnvelope | undefined {
    const envelope = this.unacked.get(seq);
    if (!envelope) return undefined;
    this.unacked.delete(seq);
    for (const entry of envelope.entries) this.bytes -= entry.bytes;
    return envelope;
  }

  /** Gives up on an envelope that can never be delivered, counting its messages as dropped. */
  drop(seq: number): void {
    const envelope = this.settle(seq);
    if (envelope) this.countDropped(envelope.entries);
  }

  /** Removes every pending message (consent withdrawn: what was not sent is not sent). */
  clearPending(): void {
    for (const entry of this.pending) this.bytes -= entry.bytes;
    this.pending = [];
  }

  /** The drops since the last call, once. */
  takeGap(): CollectorGap | undefined {
    const gap = this.gap;
    this.gap = undefined;
    return gap;
  }

  /** The smallest ordinal not yet delivered, or Infinity when everything is. */
  oldestUndeliveredOrdinal(): number {
    let oldest = Infinity;
    for (const envelope of this.unacked.values()) {
      for (const entry of envelope.entries) oldest = Math.min(oldest, entry.ordinal);
    }
    for (const entry of this.pending) oldest = Math.min(oldest, entry.ordinal);
    return oldest;
  }

  private enforceLimits(): void {
    while (this.messageCount > this.limits.maxMessages || this.bytes > this.limits.maxBytes) {
      const oldestEnvelope = this.unacked.keys().next();
      if (!oldestEnvelope.done) {
        this.drop(oldestEnvelope.value);
      } else if (this.pending.length > 1) {
        // Never the newest pending message: it is what was just added.
        const entry = this.pending.shift() as BufferedMessage;
        this.bytes -= entry.bytes;
        this.countDropped([entry]);
      } else {
        return;
      }
    }
  }

  /** Counts messages given up outside the buffer's own bounds (e.g. one message too large to send). */
  countDropped(entries: readonly BufferedMessage[]): void {
    if (entries.length === 0) return;
    this.droppedTotal += entries.length;
    const times = entries.map((entry) => entry.at);
    const gap = this.gap ?? { droppedMessages: 0, from: Infinity, to: -Infinity };
    this.gap = {
      droppedMessages: gap.droppedMessages + entries.length,
      from: Math.min(gap.from, ...times),
      to: Math.max(gap.to, ...times),
    };
  }
}
