import { ingestSubprotocols, type Envelope, type IngestServerFrame } from '@attune/protocol';
import { WebSocket } from 'ws';

/** What the server answered, over a whole run of one connection. */
export interface IngestTally {
  sent: number;
  accepted: number;
  partial: number;
  duplicate: number;
  rejected: number;
  resent: number;
  /** The first few reasons the server gave for rejected messages or envelopes. */
  problems: string[];
}

const RECONNECT_DELAYS_MS = [250, 500, 1000, 2000, 4000];
const MAX_PROBLEMS = 5;

/**
 * One participant's ingest WebSocket (`/ingest`, the token in the handshake's subprotocol as
 * a browser sends it), used as a collector does: every
 * envelope is kept until its ack arrives; a rate-limited or failed one is resent after the
 * delay the server asks for; after a dropped connection it reconnects with backoff and resends
 * what was not acknowledged, unchanged (same seq), so nothing is counted twice.
 */
export class IngestConnection {
  readonly tally: IngestTally = {
    sent: 0,
    accepted: 0,
    partial: 0,
    duplicate: 0,
    rejected: 0,
    resent: 0,
    problems: [],
  };
  private socket: WebSocket | undefined;
  private readonly unacknowledged = new Map<number, string>();
  private closing = false;
  private idleWaiters: Array<() => void> = [];

  private constructor(
    private readonly url: string,
    private readonly token: string,
  ) {}

  static async open(wsBaseUrl: string, token: string): Promise<IngestConnection> {
    const connection = new IngestConnection(new URL('/ingest', wsBaseUrl).toString(), token);
    await connection.connect();
    return connection;
  }

  send(envelope: Envelope): void {
    const frame = JSON.stringify(envelope);
    this.unacknowledged.set(envelope.seq, frame);
    this.tally.sent += 1;
    this.write(frame);
  }

  /** Resolves once every envelope sent has been acknowledged, or after `timeoutMs`. */
  async drain(timeoutMs: number): Promise<boolean> {
    if (this.unacknowledged.size === 0) return true;
    const drained = new Promise<boolean>((resolve) => this.idleWaiters.push(() => resolve(true)));
    const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs).unref());
    return Promise.race([drained, timeout]);
  }

  get pending(): number {
    return this.unacknowledged.size;
  }

  close(): void {
    this.closing = true;
    this.socket?.close(1000, 'simulation finished');
  }

  private write(frame: string): void {
    if (this.socket?.readyState === WebSocket.OPEN) this.socket.send(frame);
    // Otherwise it stays unacknowledged and goes out again after the reconnection.
  }

  private async connect(): Promise<void> {
    const socket = new WebSocket(this.url, ingestSubprotocols(this.token));
    this.socket = socket;
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', (error) => reject(new Error(`ingest WebSocket failed: ${error.message}`)));
      socket.once('close', (code, reason) =>
        reject(new Error(`ingest WebSocket closed (${code}${reason.length ? `: ${reason.toString()}` : ''})`)),
      );
    });
    socket.on('message', (data: Buffer) => this.receive(JSON.parse(data.toString('utf8')) as IngestServerFrame));
    socket.on('error', () => socket.terminate());
    socket.on('close', (code: number) => {
      if (this.closing) return;
      // 4401/4403: the token is no good; reconnecting cannot help.
      if (code === 4401 || code === 4403) {
        this.note(`the server closed the connection (${code})`);
        return;
      }
      void this.reconnect();
    });
  }

  private async reconnect(): Promise<void> {
    for (const delayMs of RECONNECT_DELAYS_MS) {
      await new Promise((resolve) => setTimeout(resolve, delayMs));
      if (this.closing) return;
      try {
        await this.connect();
        for (const frame of this.unacknowledged.values()) {
          this.tally.resent += 1;
          this.write(frame);
        }
        return;
      } catch {
        // try again after the next delay
      }
    }
    this.note('gave up reconnecting to the ingest WebSocket');
  }

  private receive(frame: IngestServerFrame): void {
    if (frame.type === 'error') {
      const seq = frame.seq;
      const envelope = seq === undefined ? undefined : this.unacknowledged.get(seq);
      if (envelope !== undefined && (frame.code === 'rate-limited' || frame.code === 'internal')) {
        this.tally.resent += 1;
        setTimeout(() => this.write(envelope), frame.retryAfterMs ?? 1000).unref();
      } else {
        if (seq !== undefined) this.acknowledge(seq);
        this.note(`${frame.code}: ${frame.reason}`);
      }
      return;
    }
    if (frame.seq === null) return;
    this.tally[frame.status] += 1;
    if (frame.status === 'rejected' || frame.status === 'partial') {
      const issues = [...(frame.envelopeIssues ?? []), ...frame.rejected.flatMap((message) => message.issues)];
      for (const issue of issues) this.note(`${issue.path || '/'}: ${issue.reason}`);
    }
    this.acknowledge(frame.seq);
  }

  private acknowledge(seq: number): void {
    this.unacknowledged.delete(seq);
    if (this.unacknowledged.size === 0) {
      const waiters = this.idleWaiters;
      this.idleWaiters = [];
      waiters.forEach((resolve) => resolve());
    }
  }

  private note(problem: string): void {
    if (this.tally.problems.length < MAX_PROBLEMS) this.tally.problems.push(problem);
  }
}
