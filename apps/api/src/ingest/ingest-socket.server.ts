import { Inject, Injectable, Logger, BeforeApplicationShutdown } from '@nestjs/common';
import type { IncomingMessage, Server } from 'node:http';
import type { Duplex } from 'node:stream';
import {
  INGEST_SUBPROTOCOL,
  INGEST_TOKEN_SUBPROTOCOL_PREFIX,
  IngestServerFrame,
  parseEnvelopeJson,
} from '@attune/protocol';
import { RawData, WebSocket, WebSocketServer } from 'ws';
import { ParticipantPrincipal } from '../auth/principal';
import { bearerToken, TokenService } from '../auth/token.service';
import { DomainError } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { IngestAdmission } from './ingest-admission';
import { IngestService } from './ingest.service';
import { TokenBucket } from './token-bucket';

export const INGEST_PATH = '/ingest';

/**
 * A connection that has this many frames waiting stops being read until it is down to
 * RESUME_AT_QUEUED_FRAMES: a client sending faster than it is served waits in its own
 * buffer (and TCP's), not in the server's memory.
 */
const MAX_QUEUED_FRAMES = 8;
const RESUME_AT_QUEUED_FRAMES = 2;

/** Close codes sent to collectors (4000–4999 are free for applications). */
export const INGEST_CLOSE = {
  unauthenticated: 4401,
  forbidden: 4403,
  tokenExpired: 4401,
  shuttingDown: 1001,
  tooLarge: 1009,
  internalError: 1011,
} as const;

/**
 * The ingest WebSocket: plain `ws` on the API's own HTTP server at `/ingest`
 * (docs/decisions/0001-http-and-ingest-transport.md says why not socket.io). One connection
 * is one participant, authenticated once at the handshake; every envelope is answered with
 * an ack frame carrying its seq.
 */
@Injectable()
export class IngestSocketServer implements BeforeApplicationShutdown {
  private readonly logger = new Logger(IngestSocketServer.name);
  private server?: WebSocketServer;
  /** Connections not being read right now (too many frames waiting, or ingest holding). */
  private pausedConnections = 0;

  constructor(
    private readonly ingest: IngestService,
    private readonly admission: IngestAdmission,
    private readonly tokens: TokenService,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  attach(httpServer: Server): void {
    // Frames up to twice the limit are read so they can be answered with a clear error frame;
    // anything larger is cut off by ws itself with close code 1009.
    this.server = new WebSocketServer({
      noServer: true,
      maxPayload: this.config.ingest.maxPayloadBytes * 2,
      // A browser that offered subprotocols refuses a handshake that selects none of them.
      handleProtocols: (offered) => (offered.has(INGEST_SUBPROTOCOL) ? INGEST_SUBPROTOCOL : false),
    });
    httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
      const url = new URL(request.url ?? '/', 'http://localhost');
      if (url.pathname !== INGEST_PATH) return; // socket.io and others handle their own paths
      this.handleUpgrade(request, socket, head, url);
    });
  }

  get connectionCount(): number {
    return this.server?.clients.size ?? 0;
  }

  get pausedConnectionCount(): number {
    return this.pausedConnections;
  }

  async beforeApplicationShutdown(): Promise<void> {
    const server = this.server;
    if (!server) return;
    for (const client of server.clients) client.close(INGEST_CLOSE.shuttingDown, 'server shutting down');
    await new Promise<void>((resolve) => server.close(() => resolve()));
  }

  private handleUpgrade(request: IncomingMessage, socket: Duplex, head: Buffer, url: URL): void {
    const server = this.server;
    if (!server) return;
    let principal: ParticipantPrincipal;
    try {
      principal = this.tokens.verifyIngestToken(handshakeToken(request, url));
    } catch (error) {
      const reason = error instanceof DomainError ? error.message : 'authentication failed';
      server.handleUpgrade(request, socket, head, (ws) => ws.close(INGEST_CLOSE.unauthenticated, reason));
      return;
    }
    server.handleUpgrade(request, socket, head, (ws) => this.serve(ws, principal));
  }

  private serve(ws: WebSocket, principal: ParticipantPrincipal): void {
    const bucket = new TokenBucket(this.config.ingest.rateLimitPerSecond, this.config.ingest.rateLimitBurst);
    const expiryTimer = setTimeout(
      () => ws.close(INGEST_CLOSE.tokenExpired, 'the participant token expired'),
      Math.max(0, principal.expiresAt.getTime() - Date.now()),
    );
    expiryTimer.unref();
    let paused = false;
    const pause = () => {
      if (paused) return;
      paused = true;
      this.pausedConnections += 1;
      ws.pause();
    };
    const resume = () => {
      if (!paused) return;
      paused = false;
      this.pausedConnections -= 1;
      ws.resume();
    };
    ws.on('close', () => {
      clearTimeout(expiryTimer);
      resume();
    });
    ws.on('error', () => ws.terminate());
    // Frames are handled one after another so acks leave in the order envelopes arrived.
    // Reading pauses while too many wait, or while the database works off a backlog.
    let queue = Promise.resolve();
    let queuedFrames = 0;
    const resumeWhenRoom = () => {
      if (!paused || queuedFrames > RESUME_AT_QUEUED_FRAMES) return;
      const hold = this.admission.waitForRoom();
      if (hold) void hold.then(resumeWhenRoom);
      else resume();
    };
    ws.on('message', (data: RawData, isBinary: boolean) => {
      queuedFrames += 1;
      if (queuedFrames >= MAX_QUEUED_FRAMES || this.admission.waitForRoom()) pause();
      queue = queue
        .then(async () => {
          await this.admission.waitForRoom();
          await this.handleFrame(ws, principal, bucket, data, isBinary);
          queuedFrames -= 1;
          resumeWhenRoom();
        })
        .catch((error: unknown) => {
          // A bug, not a client's doing: a silently stuck connection would be worse than a closed one.
          this.logger.error('Ingest connection failed', error instanceof Error ? error.stack : undefined);
          ws.close(INGEST_CLOSE.internalError, 'internal error; reconnect');
        });
    });
  }

  private async handleFrame(
    ws: WebSocket,
    principal: ParticipantPrincipal,
    bucket: TokenBucket,
    data: RawData,
    isBinary: boolean,
  ): Promise<void> {
    const frame = rawDataToBuffer(data);
    if (frame.length > this.config.ingest.maxPayloadBytes) {
      send(ws, {
        type: 'error',
        code: 'payload-too-large',
        reason: `frame of ${frame.length} bytes exceeds the limit of ${this.config.ingest.maxPayloadBytes} bytes`,
      });
      return;
    }
    if (isBinary) {
      send(ws, { type: 'error', code: 'invalid-input', reason: 'frames must be text (JSON envelopes)' });
      return;
    }
    const parsed = parseEnvelopeJson(frame.toString('utf8'));
    if (!parsed.ok) {
      send(ws, { type: 'error', code: 'malformed-json', reason: parsed.issue.reason });
      return;
    }
    const envelope = parsed.value;
    const allowed = bucket.take(1);
    if (!allowed.ok) {
      send(ws, {
        type: 'error',
        code: 'rate-limited',
        seq: seqOf(envelope),
        reason: `more than ${this.config.ingest.rateLimitPerSecond} envelopes/s; retry after ${allowed.retryAfterMs} ms`,
        retryAfterMs: allowed.retryAfterMs,
      });
      return;
    }
    try {
      const ack = await this.ingest.ingestEnvelope(principal, envelope);
      send(ws, { type: 'ack', ...ack });
    } catch (error) {
      if (error instanceof DomainError && error.code === 'unavailable') {
        const retryAfterMs = typeof error.extra.retryAfterMs === 'number' ? error.extra.retryAfterMs : undefined;
        send(ws, { type: 'error', code: 'internal', seq: seqOf(envelope), reason: error.message, retryAfterMs });
        return;
      }
      this.logger.error('Ingest failed for a frame', error instanceof Error ? error.stack : undefined);
      send(ws, { type: 'error', code: 'internal', seq: seqOf(envelope), reason: 'internal error; resend later' });
    }
  }
}

/**
 * The participant token of a handshake: `Authorization: Bearer …`, or the `bearer.<token>`
 * subprotocol a browser offers (it cannot set headers). Never the URL, which access logs keep.
 */
function handshakeToken(request: IncomingMessage, url: URL): string | undefined {
  if (url.searchParams.has('token')) {
    throw new DomainError(
      'unauthenticated',
      `the token must not be in the URL: send it as the subprotocol '${INGEST_TOKEN_SUBPROTOCOL_PREFIX}<token>' or in the Authorization header`,
    );
  }
  const offered = (request.headers['sec-websocket-protocol'] ?? '').split(',').map((protocol) => protocol.trim());
  const fromSubprotocol = offered.find((protocol) => protocol.startsWith(INGEST_TOKEN_SUBPROTOCOL_PREFIX));
  return bearerToken(request.headers.authorization) ?? fromSubprotocol?.slice(INGEST_TOKEN_SUBPROTOCOL_PREFIX.length);
}

function send(ws: WebSocket, frame: IngestServerFrame): void {
  if (ws.readyState === WebSocket.OPEN) ws.send(JSON.stringify(frame));
}

function rawDataToBuffer(data: RawData): Buffer {
  if (Buffer.isBuffer(data)) return data;
  if (Array.isArray(data)) return Buffer.concat(data);
  return Buffer.from(data);
}

/** The seq of an envelope that failed before validation, when it can be read, for the error frame. */
export function seqOf(envelope: unknown): number | undefined {
  if (typeof envelope !== 'object' || envelope === null) return undefined;
  const seq = (envelope as { seq?: unknown }).seq;
  return typeof seq === 'number' ? seq : undefined;
}
