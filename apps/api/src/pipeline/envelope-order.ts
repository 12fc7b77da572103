/**
 * More than this above the seq expected next is a collector that started again (a page reload
 * starts its seqs at the wall clock in ms), not envelopes missing: the same span ingest's seq
 * window takes as one range (ingest/seq-window.ts).
 */
const RESTART_SEQ_JUMP = 4096;
/** Envelopes held behind one missing seq at most; past this the wait is given up. */
const MAX_HELD = 64;

interface Held<Item> {
  readonly seq: number;
  readonly item: Item;
}

interface ParticipantOrder<Item> {
  /** The seq that would continue what was passed on. */
  next: number;
  /** Envelopes that came ahead of a missing seq, in seq order. */
  held: Array<Held<Item>>;
  /** Processing time the first of `held` arrived. */
  heldSince: number;
}

/**
 * Passes each participant's envelopes on in the order their collector sent them (by seq). The
 * analyzer's watermark relies on one participant's messages arriving in event-time order
 * (SessionAnalyzer `sourceDisorderMs`), and a collector keeps several envelopes in flight: one
 * that has to be sent again (a refused or lost request) arrives after newer ones. Envelopes that
 * come ahead of a missing seq wait here, so the participant's newest event time does not move
 * past what is still to come, until the missing one arrives, or for at most `maxWaitMs` (it may
 * never come: the collector gives up on an envelope it cannot deliver). Memory: one entry per
 * participant, and the envelopes held, bounded by `maxWaitMs` and MAX_HELD.
 */
export class EnvelopeOrder<Item> {
  private readonly participants = new Map<string, ParticipantOrder<Item>>();

  constructor(private readonly maxWaitMs: number) {}

  /** An envelope arrived at `arrivedAt` (processing time); returns what goes on now, in seq order. */
  arrive(participantId: string, seq: number, item: Item, arrivedAt: number): Item[] {
    const order = this.participants.get(participantId);
    if (!order) {
      this.start(participantId, seq);
      return [item];
    }
    // Older than one passed on already: nothing waits for it (and the analyzer judges it late or not).
    if (seq < order.next) return [item];
    if (seq === order.next) {
      order.next = seq + 1;
      return order.held.length === 0 ? [item] : [item, ...this.takeConsecutive(order)];
    }
    if (seq - order.next > RESTART_SEQ_JUMP) {
      const restarted = [...this.takeAll(order), item];
      order.next = seq + 1;
      return restarted;
    }
    if (order.held.length === 0) order.heldSince = arrivedAt;
    insertBySeq(order.held, { seq, item });
    return order.held.length > MAX_HELD ? this.takeAll(order) : [];
  }

  /** Gives up on missing seqs waited for `maxWaitMs` or longer; returns the envelopes held behind them. */
  expire(now: number): Item[] {
    const released: Item[] = [];
    for (const order of this.participants.values()) {
      if (order.held.length > 0 && now - order.heldSince >= this.maxWaitMs) released.push(...this.takeAll(order));
    }
    return released;
  }

  /** Everything held, in seq order per participant (the session ends). */
  takeEverything(): Item[] {
    const released: Item[] = [];
    for (const order of this.participants.values()) released.push(...this.takeAll(order));
    return released;
  }

  /** An envelope passed on without waiting (a stored one, replayed): later seqs continue after it. */
  passed(participantId: string, seq: number): void {
    const order = this.participants.get(participantId);
    if (!order) this.start(participantId, seq);
    else order.next = Math.max(order.next, seq + 1);
  }

  get heldCount(): number {
    let count = 0;
    for (const order of this.participants.values()) count += order.held.length;
    return count;
  }

  /** The participant's first envelope, `seq`, went on: theirs continue after it. */
  private start(participantId: string, seq: number): void {
    this.participants.set(participantId, { next: seq + 1, held: [], heldSince: 0 });
  }

  /** Held envelopes that now follow on from `next` without a gap. */
  private takeConsecutive(order: ParticipantOrder<Item>): Item[] {
    let count = 0;
    while (count < order.held.length && order.held[count].seq <= order.next) {
      order.next = Math.max(order.next, order.held[count].seq + 1);
      count += 1;
    }
    return order.held.splice(0, count).map((held) => held.item);
  }

  private takeAll(order: ParticipantOrder<Item>): Item[] {
    if (order.held.length === 0) return [];
    order.next = Math.max(order.next, order.held[order.held.length - 1].seq + 1);
    return order.held.splice(0).map((held) => held.item);
  }
}

function insertBySeq<Item>(held: Array<Held<Item>>, entry: Held<Item>): void {
  let index = held.length;
  while (index > 0 && held[index - 1].seq > entry.seq) index -= 1;
  held.splice(index, 0, entry);
}
