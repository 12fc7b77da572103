// The servers compared by bench/transport-choice.bench.ts. Each runs alone in a child process
// (`fork` with `-r @swc-node/register`), so the load generator never shares its event loop
// and /proc/<pid> measures the server only. Every server does the work real ingest does per
// envelope, minus auth and storage: JSON parse, checkEnvelope, build and send the ack.
//
// Usage (by the bench): fork this file with argv[2] = one of SERVER_KINDS. It listens on an
// ephemeral port on 127.0.0.1 and reports `{ type: 'ready', port }` over IPC.
import 'reflect-metadata';
import { Body, Controller, HttpCode, Module, Param, Post, type INestApplication } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { ExpressAdapter, type NestExpressApplication } from '@nestjs/platform-express';
import { FastifyAdapter, type NestFastifyApplication } from '@nestjs/platform-fastify';
import { json } from 'express';
import { createServer, type IncomingMessage, type Server as HttpServer } from 'node:http';
import type { AddressInfo } from 'node:net';
import type { Duplex } from 'node:stream';
import { Server as SocketIoServer } from 'socket.io';
import { WebSocketServer, type RawData, type WebSocket } from 'ws';
import { checkEnvelope, toIngestAck, type IngestAck, type IngestServerFrame } from '../../libs/protocol/src';

export const SERVER_KINDS = ['nest-express', 'nest-fastify', 'ws', 'socket.io'] as const;
export type ServerKind = (typeof SERVER_KINDS)[number];

/** Both the real app's limits (apps/api/src/config/app-config.ts defaults). */
const MAX_MESSAGES_PER_ENVELOPE = 200;
const MAX_PAYLOAD_BYTES = 1024 * 1024;

/** Where the WebSocket ingest listens, as in the real app (INGEST_PATH). socket.io uses its own /socket.io/. */
const INGEST_WS_PATH = '/ingest';

/** socket.io event maps: typed on both ends, so the bench's client and this server agree. */
export interface IngestClientToServerEvents {
  envelope: (text: string, ack: (frame: IngestServerFrame) => void) => void;
}
// eslint-disable-next-line @typescript-eslint/no-empty-object-type -- ingest pushes nothing unsolicited
export interface IngestServerToClientEvents {}

/** Sent over IPC once listening. The bench imports only types from here, so it never loads Nest. */
export interface ReadyMessage {
  type: 'ready';
  port: number;
  /** HTTP: the route with a `:sessionId`; ws: the upgrade path; socket.io: its default path. */
  path: string;
}

export interface HttpBatchResponse {
  acks: IngestAck[];
}

/** The per-envelope work shared by all four servers. */
function ackFor(envelope: unknown): IngestAck {
  return toIngestAck(checkEnvelope(envelope, { maxMessages: MAX_MESSAGES_PER_ENVELOPE }));
}

/** JSON text to the frame ingest answers with: an ack, or an error frame when it is not JSON. */
function frameFor(text: string): IngestServerFrame {
  let envelope: unknown;
  try {
    envelope = JSON.parse(text);
  } catch {
    return { type: 'error', code: 'malformed-json', reason: 'malformed JSON' };
  }
  return { type: 'ack', ...ackFor(envelope) };
}

// ---- HTTP: a real Nest app, one controller, identical for both adapters --------------------

@Controller('api/v1/sessions/:sessionId/ingest')
class BenchIngestController {
  // The route parameter is kept so routing costs what the real route costs; the adapters'
  // body parsers do the JSON parse, as they do in the real app.
  @Post()
  @HttpCode(200)
  ingest(@Param('sessionId') sessionId: string, @Body() body: unknown): HttpBatchResponse {
    const envelopes = (body as { envelopes?: unknown } | undefined)?.envelopes;
    if (!sessionId || !Array.isArray(envelopes)) return { acks: [] };
    return { acks: envelopes.map(ackFor) };
  }
}

@Module({ controllers: [BenchIngestController] })
class BenchIngestModule {}

async function startNest(kind: 'nest-express' | 'nest-fastify'): Promise<number> {
  let app: INestApplication;
  if (kind === 'nest-express') {
    // As apps/api/src/bootstrap/create-app.ts does: Nest's parser off, express.json with our limit.
    const expressApp = await NestFactory.create<NestExpressApplication>(BenchIngestModule, new ExpressAdapter(), {
      logger: false,
      bodyParser: false,
    });
    expressApp.use(json({ limit: MAX_PAYLOAD_BYTES }));
    app = expressApp;
  } else {
    app = await NestFactory.create<NestFastifyApplication>(
      BenchIngestModule,
      new FastifyAdapter({ bodyLimit: MAX_PAYLOAD_BYTES }),
      { logger: false },
    );
  }
  await app.listen(0, '127.0.0.1');
  return portOf(app.getHttpServer() as HttpServer);
}

// ---- WebSocket: both on a plain http server, as the real app attaches ws to Nest's ---------

function startWs(): Promise<number> {
  const httpServer = createServer((_request, response) => response.writeHead(404).end());
  // noServer + our own `upgrade` listener: how the real app shares the port with socket.io /live.
  const wss = new WebSocketServer({ noServer: true, maxPayload: MAX_PAYLOAD_BYTES * 2 });
  httpServer.on('upgrade', (request: IncomingMessage, socket: Duplex, head: Buffer) => {
    if (new URL(request.url ?? '/', 'http://localhost').pathname !== INGEST_WS_PATH) {
      socket.destroy();
      return;
    }
    wss.handleUpgrade(request, socket, head, (ws) => serveWs(ws));
  });
  return listen(httpServer);
}

function serveWs(ws: WebSocket): void {
  ws.on('error', () => ws.terminate());
  ws.on('message', (data: RawData, isBinary: boolean) => {
    const frame: IngestServerFrame = isBinary
      ? { type: 'error', code: 'invalid-input', reason: 'frames must be text (JSON envelopes)' }
      : frameFor(rawDataToString(data));
    ws.send(JSON.stringify(frame));
  });
}

function rawDataToString(data: RawData): string {
  if (Buffer.isBuffer(data)) return data.toString('utf8');
  if (Array.isArray(data)) return Buffer.concat(data).toString('utf8');
  return Buffer.from(data).toString('utf8');
}

function startSocketIo(): Promise<number> {
  const httpServer = createServer();
  const io = new SocketIoServer<IngestClientToServerEvents, IngestServerToClientEvents>(httpServer, {
    serveClient: false,
    maxHttpBufferSize: MAX_PAYLOAD_BYTES * 2,
  });
  io.on('connection', (socket) => {
    socket.on('envelope', (text, ack) => {
      // A misbehaving client may send anything; types on the wire are not guaranteed.
      if (typeof ack !== 'function') return;
      ack(
        typeof text === 'string'
          ? frameFor(text)
          : { type: 'error', code: 'invalid-input', reason: 'expected a JSON string' },
      );
    });
  });
  return listen(httpServer);
}

// ---- plumbing -------------------------------------------------------------------------------

function listen(server: HttpServer): Promise<number> {
  return new Promise((resolve, reject) => {
    server.once('error', reject);
    server.listen(0, '127.0.0.1', () => resolve(portOf(server)));
  });
}

function portOf(server: HttpServer): number {
  return (server.address() as AddressInfo).port;
}

async function start(kind: ServerKind): Promise<ReadyMessage> {
  switch (kind) {
    case 'nest-express':
    case 'nest-fastify':
      return { type: 'ready', port: await startNest(kind), path: '/api/v1/sessions/:sessionId/ingest' };
    case 'ws':
      return { type: 'ready', port: await startWs(), path: INGEST_WS_PATH };
    case 'socket.io':
      return { type: 'ready', port: await startSocketIo(), path: '/socket.io/' };
  }
}

function isServerKind(value: string | undefined): value is ServerKind {
  return (SERVER_KINDS as readonly string[]).includes(value ?? '');
}

if (require.main === module) {
  const kind = process.argv[2];
  if (!isServerKind(kind) || !process.send) {
    process.stderr.write(`usage: fork this file with one of ${SERVER_KINDS.join(', ')} (needs an IPC channel)\n`);
    process.exit(2);
  }
  // The bench owns this process: when it goes away (or closes IPC), so do we.
  process.on('disconnect', () => process.exit(0));
  start(kind).then(
    (ready) => process.send?.(ready),
    (error: unknown) => {
      process.stderr.write(`transport server ${kind} failed to start: ${String(error)}\n`);
      process.exit(1);
    },
  );
}
