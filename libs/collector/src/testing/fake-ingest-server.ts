import type { IngestAck } from '@attune/protocol/transport';
import type { WebSocketLike } from '../core/platform';
import type { StatsWireMessage, WireMessage } from '../core/wire';

export interface SentEnvelope {
  v: number;
  sessionId: string;
  participantId: string;
  seq: number;
  sentAt: number;
  messages: WireMessage[];
}

/** A WebSocket double: the test opens, answers and breaks it by hand. */
export class FakeSocket implements WebSocketLike {
  readyState = 0;
  onopen: ((event: unknown) => void) | null = null;
  onmessage: ((event: { data: unknown }) => void) | null = null;
  onclose: ((event: { code: number; reason: string }) => void) | null = null;
  onerror: ((event: unknown) => void) | null = null;
  readonly sent: SentEnvelope[] = [];

  constructor(
    readonly url: string,
    readonly protocols: string[] = [],
  ) {}

  send(data: string): void {
    this.sent.push(JSON.parse(data) as SentEnvelope);
  }

  close(): void {
    this.readyState = 3;
  }

  open(): void {
    this.readyState = 1;
    this.onopen?.({});
  }

  /** The connection breaks (server restart, network loss). */
  drop(): void {
    this.readyState = 3;
    this.onclose?.({ code: 1006, reason: '' });
  }

  answer(frame: object): void {
    this.onmessage?.({ data: JSON.stringify(frame) });
  }

  ack(envelope: SentEnvelope, answer: Partial<IngestAck> = {}): void {
    const rejected = answer.rejected ?? [];
    this.answer({
      type: 'ack',
      seq: envelope.seq,
      status:
        rejected.length === 0 ? 'accepted' : rejected.length === envelope.messages.length ? 'rejected' : 'partial',
      accepted: envelope.messages.length - rejected.length,
      rejected,
      ...answer,
    });
  }
}

/** Every socket the collector opened, in order; pass `Socket` as the collector's WebSocket. */
export class FakeIngestServer {
  readonly sockets: FakeSocket[] = [];
  readonly Socket: new (url: string, protocols?: string[]) => FakeSocket;

  constructor() {
    const sockets = this.sockets;
    this.Socket = class extends FakeSocket {
      constructor(url: string, protocols?: string[]) {
        super(url, protocols);
        sockets.push(this);
      }
    };
  }

  get latest(): FakeSocket {
    const socket = this.sockets.at(-1);
    if (!socket) throw new Error('the collector opened no socket');
    return socket;
  }

  /** Every envelope sent on every socket, in order. */
  envelopes(): SentEnvelope[] {
    return this.sockets.flatMap((socket) => socket.sent);
  }

  messages(): WireMessage[] {
    return this.envelopes().flatMap((envelope) => envelope.messages);
  }

  statsMessages(): StatsWireMessage[] {
    return this.messages().filter((message): message is StatsWireMessage => message.kind === 'stats');
  }

  /** Acknowledges every envelope on the latest socket not yet acknowledged, as accepted. */
  ackAll(acked: Set<number> = this.acked): void {
    for (const envelope of [...this.latest.sent]) {
      if (acked.has(envelope.seq)) continue;
      acked.add(envelope.seq);
      this.latest.ack(envelope);
    }
  }

  private readonly acked = new Set<number>();
}

/** A peer connection double whose counters grow by one per getStats() call. */
export class FakePeerConnection {
  iceConnectionState = 'connected';
  connectionState = 'connected';
  calls = 0;
  private readonly listeners = new Listeners();

  async getStats(): Promise<Map<string, Record<string, unknown>>> {
    this.calls++;
    const timestamp = 1_000 * this.calls;
    return Promise.resolve(
      new Map<string, Record<string, unknown>>([
        ['T1', { id: 'T1', type: 'transport', timestamp, selectedCandidatePairId: 'CP1', bytesSent: 500 * this.calls }],
        [
          'CP1',
          {
            id: 'CP1',
            type: 'candidate-pair',
            timestamp,
            state: 'succeeded',
            nominated: true,
            bytesSent: 500 * this.calls,
          },
        ],
        [
          'OA',
          { id: 'OA', type: 'outbound-rtp', timestamp, kind: 'audio', ssrc: 1, packetsSent: 50 * this.calls, mid: '0' },
        ],
        ['CERT', { id: 'CERT', type: 'certificate', timestamp, fingerprint: 'AB' }],
      ]),
    );
  }

  addEventListener(type: string, listener: () => void): void {
    this.listeners.add(type, listener);
  }

  removeEventListener(type: string, listener: () => void): void {
    this.listeners.remove(type, listener);
  }

  setIceState(state: string): void {
    this.iceConnectionState = state;
    this.listeners.dispatch('iceconnectionstatechange');
  }
}

export class FakeTrack {
  enabled = true;
  muted = false;
  readyState = 'live';
  private readonly listeners = new Listeners();

  addEventListener(type: string, listener: () => void): void {
    this.listeners.add(type, listener);
  }

  removeEventListener(type: string, listener: () => void): void {
    this.listeners.remove(type, listener);
  }

  dispatch(type: string): void {
    this.listeners.dispatch(type);
  }
}

/** addEventListener's bookkeeping, for the fakes of browser objects above. */
class Listeners {
  private readonly byType = new Map<string, Set<() => void>>();

  add(type: string, listener: () => void): void {
    const set = this.byType.get(type) ?? new Set();
    set.add(listener);
    this.byType.set(type, set);
  }

  remove(type: string, listener: () => void): void {
    this.byType.get(type)?.delete(listener);
  }

  dispatch(type: string): void {
    for (const listener of this.byType.get(type) ?? []) listener();
  }
}
