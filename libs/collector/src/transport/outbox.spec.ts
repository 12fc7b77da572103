import type { BufferedMessage } from '../core/wire';
import { DEFAULT_OUTBOX_LIMITS, Outbox } from './outbox';

let ordinal = 0;
const message = (at: number, bytes = 10): BufferedMessage => ({
  message: { kind: 'client-event', type: 'focus', at, state: 'focused' },
  ordinal: ordinal++,
  at,
  bytes,
});

describe(Outbox.name, () => {
  let seq = 100;
  const takeSeq = () => seq++;

  it('packs pending messages into envelopes within the message and byte limits and the in-flight window', () => {
    const sut = new Outbox({
      ...DEFAULT_OUTBOX_LIMITS,
      maxMessagesPerEnvelope: 3,
      maxEnvelopeBytes: 25,
      maxInFlight: 2,
    });
    for (let at = 0; at < 8; at++) sut.add(message(at));
    const packed = sut.pack(takeSeq);
    expect(packed.map((envelope) => envelope.entries.map((entry) => entry.at))).toEqual([
      [0, 1],
      [2, 3],
    ]);
    expect(sut.messageCount).toBe(8);
    sut.settle(packed[0].seq);
    expect(sut.pack(takeSeq).map((envelope) => envelope.entries.length)).toEqual([2]);
  });

  it('drops the oldest first when full (unacknowledged envelopes, then pending) and reports the gap once', () => {
    const sut = new Outbox({ ...DEFAULT_OUTBOX_LIMITS, maxMessages: 5, maxMessagesPerEnvelope: 2 });
    sut.add(message(1000));
    sut.add(message(2000));
    sut.pack(takeSeq); // an envelope of [1000, 2000] awaiting its ack
    for (let at = 3000; at <= 5000; at += 1000) sut.add(message(at));
    expect(sut.droppedMessages).toBe(0);
    sut.add(message(7000)); // 6 > 5: the whole oldest envelope goes
    expect(sut.messageCount).toBe(4);
    sut.add(message(8000));
    expect(sut.messageCount).toBe(5);
    sut.add(message(9000)); // now the oldest pending message goes
    expect(sut.droppedMessages).toBe(3);
    expect(sut.takeGap()).toEqual({ droppedMessages: 3, from: 1000, to: 3000 });
    expect(sut.takeGap()).toBeUndefined();
  });

  it('bounds bytes as well as messages', () => {
    const sut = new Outbox({ ...DEFAULT_OUTBOX_LIMITS, maxBytes: 100 });
    for (let at = 0; at < 5; at++) sut.add(message(at, 30));
    expect(sut.messageCount).toBe(3);
    expect(sut.takeGap()).toEqual({ droppedMessages: 2, from: 0, to: 1 });
  });

  it('knows the oldest undelivered message for flush()', () => {
    const sut = new Outbox();
    const first = message(1);
    const second = message(2);
    sut.add(first);
    sut.add(second);
    const [envelope] = sut.pack(takeSeq);
    expect(sut.oldestUndeliveredOrdinal()).toBe(first.ordinal);
    sut.settle(envelope.seq);
    expect(sut.oldestUndeliveredOrdinal()).toBe(Infinity);
  });
});
