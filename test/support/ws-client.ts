import { WebSocket } from 'ws';
import { ingestSubprotocols } from '@attune/protocol';

export interface Frame {
  type: string;
  [field: string]: unknown;
}

/** A real WebSocket client that collects every frame the server sends. */
export class IngestSocketClient {
  readonly frames: Frame[] = [];
  closeCode?: number;
  closeReason?: string;
  private waiters: (() => void)[] = [];

  private constructor(readonly socket: WebSocket) {
    socket.on('message', (data) => {
      this.frames.push(JSON.parse((data as Buffer).toString('utf8')) as Frame);
      this.notify();
    });
    socket.on('close', (code, reason) => {
      this.closeCode = code;
      this.closeReason = reason.toString();
      this.notify();
    });
  }

  /**
   * Opens `url` with the participant token in the handshake: as the subprotocol a browser
   * offers (the collector's way), or in an Authorization header (other clients' way).
   */
  static async connect(
    url: string,
    token?: string,
    via: 'subprotocol' | 'header' = 'subprotocol',
  ): Promise<IngestSocketClient> {
    const socket =
      token === undefined
        ? new WebSocket(url)
        : via === 'subprotocol'
          ? new WebSocket(url, ingestSubprotocols(token))
          : new WebSocket(url, { headers: { authorization: `Bearer ${token}` } });
    const client = new IngestSocketClient(socket);
    await new Promise<void>((resolve, reject) => {
      socket.once('open', () => resolve());
      socket.once('error', reject);
      socket.once('close', () => resolve());
    });
    return client;
  }

  send(payload: unknown): void {
    this.socket.send(typeof payload === 'string' ? payload : JSON.stringify(payload));
  }

  /** Waits until `count` frames have arrived (or the socket closed), at most `timeoutMs`. */
  async waitForFrames(count: number, timeoutMs = 5000): Promise<Frame[]> {
    await this.waitFor(() => this.frames.length >= count || this.closeCode !== undefined, timeoutMs);
    return this.frames.slice(0, count);
  }

  async waitForClose(timeoutMs = 5000): Promise<{ code?: number; reason?: string }> {
    await this.waitFor(() => this.closeCode !== undefined, timeoutMs);
    return { code: this.closeCode, reason: this.closeReason };
  }

  close(): void {
    this.socket.close();
  }

  private async waitFor(condition: () => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!condition()) {
      if (Date.now() > deadline) throw new Error(`timed out; frames so far: ${JSON.stringify(this.frames)}`);
      await new Promise<void>((resolve) => {
        this.waiters.push(resolve);
        setTimeout(resolve, 50);
      });
    }
  }

  private notify(): void {
    const waiters = this.waiters;
    this.waiters = [];
    waiters.forEach((resolve) => resolve());
  }
}
