import type { IngestAck, RejectedMessage } from '@attune/protocol';

/** Envelopes with rejected messages remembered per participant; older ones are answered without. */
const REMEMBERED_ENVELOPES = 64;

/**
 * What a resent envelope is told: `duplicate`, with the messages of the first time that were
 * not stored. A collector takes a message of a `duplicate` for stored unless it is listed
 * (docs/protocol.md, "Delta-compressed stats"), and it may see only the answer to a resend
 * (the first went another way, by HTTP while its socket reconnected), so the answer must not
 * make a rejected report look stored: that report would be lost, and become a baseline the
 * server does not have.
 *
 * Envelopes are rejected in part rarely (a delta whose baseline a restarted server lost), so
 * only those are remembered, a bounded number per participant. After a restart, or past that
 * bound, a resend is answered `duplicate` without the list.
 */
export class ResendAnswers {
  private readonly rejectedBySeq = new Map<number, RejectedMessage[]>();

  remember(ack: IngestAck): void {
    if (ack.seq === null || ack.rejected.length === 0) return;
    this.rejectedBySeq.set(ack.seq, ack.rejected);
    if (this.rejectedBySeq.size > REMEMBERED_ENVELOPES) {
      this.rejectedBySeq.delete(this.rejectedBySeq.keys().next().value as number);
    }
  }

  answer(seq: number): IngestAck {
    return { seq, status: 'duplicate', accepted: 0, rejected: this.rejectedBySeq.get(seq) ?? [] };
  }
}
