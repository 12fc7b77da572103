/**
 * Remembers which envelope sequence numbers of one participant were already accepted, so a
 * resend (after a lost ack or a reconnection) is acknowledged without being stored twice.
 *
 * Memory is fixed: the highest seq seen plus a bitmap of the `size` seqs below it. A seq older
 * than that is taken as already received — collectors resend only their small unacknowledged
 * buffer, never thousands of envelopes back.
 */
export class SeqWindow {
  private highest = -1;
  private readonly seen: Uint8Array;

  constructor(private readonly size = 4096) {
    this.seen = new Uint8Array(size);
  }

  /** True when `seq` was accepted before (or is too old to tell, see above). */
  has(seq: number): boolean {
    if (seq > this.highest) return false;
    if (this.highest - seq >= this.size) return true;
    return this.seen[seq % this.size] === 1;
  }

  add(seq: number): void {
    if (seq > this.highest) {
      // Slots between the old and the new highest now stand for seqs not seen yet.
      const gap = Math.min(seq - this.highest, this.size);
      for (let offset = 1; offset <= gap; offset++) this.seen[(this.highest + offset) % this.size] = 0;
      this.highest = seq;
    }
    if (this.highest - seq < this.size) this.seen[seq % this.size] = 1;
  }
}
