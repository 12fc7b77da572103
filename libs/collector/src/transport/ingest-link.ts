import { ingestSubprotocols } from '@attune/protocol/ingest-subprotocol';
import type { IngestAck, IngestServerFrame } from '@attune/protocol/transport';
import type { FetchLike, WebSocketConstructor, WebSocketLike } from '../core/platform';
import { Backoff } from './backoff';

export type LinkTransport = 'websocket' | 'http' | 'none';

export interface IngestLinkOptions {
  /** The Attune api origin, e.g. https://attune.example.org. */
  endpoint: string;
  sessionId: string;
  token: string;
  WebSocket?: WebSocketConstructor;
  fetch?: FetchLike;
  backoff: Backoff;
  /** Failed socket attempts in a row after which envelopes go by HTTP until a socket opens again. */
  httpFallbackAfterFailures: number;
  onFrame(frame: IngestServerFrame): void;
  /** A new way to send opened (a socket, or the HTTP fallback): everything unacknowledged goes again. */
  onReady(): void;
}

const WEB_SOCKET_OPEN = 1;

/**
 * The reason of the error frames the link makes up when the server could not be reached (no
 * answer, or a gateway's 502/503/504 while it restarts): the envelope did not fail, the way did.
 */
export const SERVER_UNREACHABLE = 'server unreachable';

/** What a reverse proxy answers while the server behind it is down or restarting. */
const GATEWAY_UNAVAILABLE = new Set([502, 503, 504]);

/**
 * The way to the server: the ingest WebSocket, reopened with backoff when it closes, and HTTP
 * batches while it cannot open (proxies that refuse upgrades). Answers from either arrive as
 * ingest server frames, so the collector handles one kind of answer.
 */
export class IngestLink {
  private socket: WebSocketLike | undefined;
  private reconnectTimer: ReturnType<typeof setTimeout> | undefined;
  private mode: LinkTransport = 'none';
  private httpHealthy = false;
  private stopped = true;

  constructor(private readonly options: IngestLinkOptions) {}

  get transport(): LinkTransport {
    return this.mode;
  }

  /** Whether the server is known to be reachable now (shown to the member). */
  get connected(): boolean {
    return this.mode === 'websocket' || (this.mode === 'http' && this.httpHealthy);
  }

  /**
   * Whether there is a way to send. Over HTTP that holds even after a failed post: the next post
   * is how the fallback finds out the server is back, and the sender paces retries itself.
   */
  get canSend(): boolean {
    return this.mode === 'websocket' || this.mode === 'http';
  }

  start(): void {
    if (!this.stopped) return;
    this.stopped = false;
    this.open();
  }

  stop(): void {
    this.stopped = true;
    clearTimeout(this.reconnectTimer);
    const socket = this.socket;
    this.socket = undefined;
    this.mode = 'none';
    if (socket) {
      detach(socket);
      if (socket.readyState <= WEB_SOCKET_OPEN) socket.close(1000, 'collector stopped');
    }
  }

  /** Sends envelopes (JSON text each); answers come through onFrame. */
  send(envelopes: readonly { seq: number; json: string }[]): void {
    if (this.mode === 'websocket' && this.socket?.readyState === WEB_SOCKET_OPEN) {
      for (const envelope of envelopes) this.socket.send(envelope.json);
    } else if (this.mode === 'http') {
      void this.postBatch(envelopes);
    }
  }

  /** The HTTP batch URL, also used for the page-closed beacon. */
  batchUrl(): string {
    return `${trimSlash(this.options.endpoint)}/api/v1/sessions/${encodeURIComponent(this.options.sessionId)}/ingest`;
  }

  private open(): void {
    const WebSocketClass = this.options.WebSocket ?? (globalThis as { WebSocket?: WebSocketConstructor }).WebSocket;
    if (!WebSocketClass) {
      this.useHttp();
      return;
    }
    let socket: WebSocketLike;
    try {
      socket = new WebSocketClass(this.socketUrl(), ingestSubprotocols(this.options.token));
    } catch {
      this.socketFailed();
      return;
    }
    this.socket = socket;
    let opened = false;
    socket.onopen = () => {
      opened = true;
      this.options.backoff.reset();
      this.mode = 'websocket';
      this.options.onReady();
    };
    socket.onmessage = (event) => {
      const frame = parseFrame(event.data);
      if (frame) this.options.onFrame(frame);
    };
    socket.onerror = () => undefined; // a close event always follows; handled there
    socket.onclose = () => {
      detach(socket);
      if (this.socket !== socket) return;
      this.socket = undefined;
      if (this.mode === 'websocket') this.mode = 'none';
      if (opened) this.options.backoff.reset();
      this.socketFailed();
    };
  }

  private socketFailed(): void {
    if (this.stopped) return;
    if (this.options.backoff.failures + 1 >= this.options.httpFallbackAfterFailures && this.mode !== 'http') {
      this.useHttp();
    }
    this.reconnectTimer = setTimeout(() => this.open(), this.options.backoff.nextDelayMs());
  }

  private useHttp(): void {
    if (!this.options.fetch && typeof globalThis.fetch !== 'function') return;
    this.mode = 'http';
    this.httpHealthy = true;
    this.options.onReady();
  }

  private async postBatch(envelopes: readonly { seq: number; json: string }[]): Promise<void> {
    const fetchFunction = this.options.fetch ?? globalThis.fetch;
    try {
      const response = await fetchFunction(this.batchUrl(), {
        method: 'POST',
        headers: { 'Content-Type': 'application/json', Authorization: `Bearer ${this.options.token}` },
        body: `{"envelopes":[${envelopes.map((envelope) => envelope.json).join(',')}]}`,
      });
      const body = (await response.json().catch(() => ({}))) as { results?: IngestAck[]; retryAfterMs?: number };
      this.httpHealthy = response.status < 500;
      if (Array.isArray(body.results)) {
        for (const ack of body.results) this.options.onFrame({ type: 'ack', ...ack });
        return;
      }
      const code = response.status === 429 ? 'rate-limited' : 'internal';
      const reason = GATEWAY_UNAVAILABLE.has(response.status) ? SERVER_UNREACHABLE : `HTTP ${response.status}`;
      for (const { seq } of envelopes) {
        this.options.onFrame({ type: 'error', code, seq, reason, retryAfterMs: body.retryAfterMs });
      }
    } catch {
      this.httpHealthy = false;
      for (const { seq } of envelopes)
        this.options.onFrame({ type: 'error', code: 'internal', seq, reason: SERVER_UNREACHABLE });
    }
  }

  private socketUrl(): string {
    const url = new URL(`${trimSlash(this.options.endpoint)}/ingest`);
    url.protocol = url.protocol === 'https:' ? 'wss:' : 'ws:';
    // The token travels as a subprotocol (ingestSubprotocols), never in the URL.
    return url.toString();
  }
}

function detach(socket: WebSocketLike): void {
  socket.onopen = null;
  socket.onmessage = null;
  socket.onclose = null;
  socket.onerror = () => undefined;
}

function trimSlash(endpoint: string): string {
  return endpoint.replace(/\/+$/, '');
}

function parseFrame(data: unknown): IngestServerFrame | undefined {
  const text = typeof data === 'string' ? data : String(data);
  try {
    const frame = JSON.parse(text) as IngestServerFrame;
    return frame.type === 'ack' || frame.type === 'error' ? frame : undefined;
  } catch {
    return undefined;
  }
}
