// Transport choice for ingest, by measurement (docs/decisions/0001-http-and-ingest-transport.md):
//   HTTP batch endpoint: Nest on @nestjs/platform-express vs @nestjs/platform-fastify;
//   ingest WebSocket:    plain `ws` vs socket.io.
// Each server runs in its own child process (bench/support/transport-servers.ts) doing the
// per-envelope work of real ingest minus auth and storage; this process only generates load
// over 127.0.0.1. Two phases per candidate:
//   saturation - closed loop (every client keeps a few requests in flight): capacity of one core;
//   paced      - 1000 members at the production rate (1 envelope/s each): cost at realistic load.
// The two candidates of a pair are measured in alternating slices (see runPair) because the
// machine is shared; server CPU µs per envelope is the figure least disturbed by other load.
// Prints figures; asserts nothing. Run: node -r @swc-node/register bench/transport-choice.bench.ts
import { fork, type ChildProcess } from 'node:child_process';
import { readFileSync } from 'node:fs';
import http from 'node:http';
import os from 'node:os';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { setTimeout as sleep } from 'node:timers/promises';
import { gzipSync } from 'node:zlib';
import { io as connectSocketIo, type Socket as SocketIoClient } from 'socket.io-client';
import WebSocket, { type RawData } from 'ws';
import type { Envelope, IngestServerFrame } from '../libs/protocol/src';
import { EXAMPLE_IDS, EXAMPLE_STATS_ENVELOPE } from '../libs/protocol/src/examples';
import { cpuSeconds, machineBusySeconds, rssMegabytes } from './support/process-usage';
// Types only: the load generator must not load Nest, Fastify or the socket.io server.
import type {
  HttpBatchResponse,
  IngestClientToServerEvents,
  IngestServerToClientEvents,
  ReadyMessage,
  ServerKind,
} from './support/transport-servers';

const SETTINGS = {
  /** Closed-loop load on each server before anything is measured. */
  warmupSeconds: 3,
  /** Per candidate: 2 slices of 5 s = 10 s measured; the ramp after each (re)start is not. */
  saturation: { sliceSeconds: 5, rampSeconds: 0.5 },
  /** Per candidate: 2 slices of 2.5 s = 5 s; a 1 s ramp lets the randomly phased members all start. */
  paced: { sliceSeconds: 2.5, rampSeconds: 1 },
  /** One connection per member; 1000 members live at once is a large organisation's peak. */
  wsConnections: 1000,
  /**
   * Envelopes in flight per connection in the saturation phase. 2 x 1000 keeps the server busy
   * while keeping the drain after each slice (in flight / throughput) short.
   */
  wsWindow: 2,
  /** The production rate: one getStats() envelope per member per second. */
  pacedEnvelopesPerMemberPerSecond: 1,
  httpConcurrency: 64,
  httpBatchSize: 10,
  /** HTTP paced: the same 1000 members, each posting a batch of 10 envelopes every 10 s. */
  httpPacedRequestsPerSecond: 100,
} as const;

const SERVER_SCRIPT = path.join(__dirname, 'support', 'transport-servers.ts');

// ---- what one candidate is measured with -----------------------------------------------------

interface Candidate {
  name: string;
  server: ServerKind;
  transport: 'http' | 'ws' | 'socket.io';
}

/** Compared in pairs: the HTTP adapters with each other, the WebSocket transports with each other. */
const PAIRS: readonly (readonly Candidate[])[] = [
  [
    { name: 'HTTP  Nest + Express', server: 'nest-express', transport: 'http' },
    { name: 'HTTP  Nest + Fastify', server: 'nest-fastify', transport: 'http' },
  ],
  [
    { name: 'WS    ws', server: 'ws', transport: 'ws' },
    { name: 'WS    socket.io', server: 'socket.io', transport: 'socket.io' },
  ],
];

/** What the load side counts; reset at the start of each measured slice. */
class Tally {
  envelopes = 0;
  errors = 0;
  /** Send-to-reply times in ms (HTTP: per batch request). */
  latencies: number[] = [];

  record(startedAt: number, envelopes: number, ok: boolean): void {
    this.latencies.push(performance.now() - startedAt);
    if (ok) this.envelopes += envelopes;
    else this.errors++;
  }

  reset(): void {
    this.envelopes = 0;
    this.errors = 0;
    this.latencies = [];
  }
}

/** A load driver keeps traffic going in one of two shapes until stop() returns. */
interface LoadDriver {
  /** Closed loop: every client resends as soon as a reply arrives. */
  saturate(): void;
  /** Open loop at the production rate. */
  pace(): void;
  /** Stops sending and waits (bounded) for what is in flight. */
  stop(): Promise<void>;
  close(): Promise<void>;
}

// ---- payloads --------------------------------------------------------------------------------

/**
 * The example Chrome report (12 RTCStats objects) as a template split around its seq, so each
 * send carries its own seq at the cost of a string concatenation and replies can be checked.
 */
function envelopeTemplate(): { prefix: string; suffix: string; bytes: number } {
  const marker = 987654321;
  const text = JSON.stringify({ ...EXAMPLE_STATS_ENVELOPE, seq: marker } satisfies Envelope);
  const [prefix, suffix] = text.split(`"seq":${marker}`);
  return { prefix: `${prefix}"seq":`, suffix, bytes: Buffer.byteLength(text) - String(marker).length + 2 };
}

const TEMPLATE = envelopeTemplate();
const envelopeText = (seq: number): string => `${TEMPLATE.prefix}${seq}${TEMPLATE.suffix}`;

function isAcceptedAck(frame: IngestServerFrame, seq: number): boolean {
  return frame.type === 'ack' && frame.seq === seq && frame.status === 'accepted';
}

// ---- WebSocket load (both transports behind one small channel interface) ---------------------

/** One member's connection: send a JSON text, get the server frame answering it. */
interface Channel {
  send(text: string, onReply: (frame: IngestServerFrame) => void): void;
  close(): void;
}

class WsChannel implements Channel {
  // ws answers frames in order on a connection, so replies pair with sends first-in first-out.
  private readonly waiting: ((frame: IngestServerFrame) => void)[] = [];

  private constructor(private readonly socket: WebSocket) {
    socket.on('message', (data: RawData) => {
      const onReply = this.waiting.shift();
      // binaryType is the default 'nodebuffer', so every frame arrives as one Buffer.
      onReply?.(JSON.parse((data as Buffer).toString('utf8')) as IngestServerFrame);
    });
  }

  static open(url: string): Promise<WsChannel> {
    return new Promise((resolve, reject) => {
      // No compression, like the server's default and what matters for a JSON-over-loopback test.
      const socket = new WebSocket(url, { perMessageDeflate: false });
      socket.once('open', () => resolve(new WsChannel(socket)));
      socket.once('error', reject);
    });
  }

  send(text: string, onReply: (frame: IngestServerFrame) => void): void {
    this.waiting.push(onReply);
    this.socket.send(text);
  }

  close(): void {
    this.socket.terminate();
  }
}

class SocketIoChannel implements Channel {
  private constructor(
    private readonly socket: SocketIoClient<IngestServerToClientEvents, IngestClientToServerEvents>,
  ) {}

  static open(url: string): Promise<SocketIoChannel> {
    return new Promise((resolve, reject) => {
      // WebSocket only (no long-polling start then upgrade): socket.io's best case, and what a
      // collector would configure. forceNew: one engine.io connection per member, as in browsers.
      const socket: SocketIoClient<IngestServerToClientEvents, IngestClientToServerEvents> = connectSocketIo(url, {
        transports: ['websocket'],
        forceNew: true,
        reconnection: false,
      });
      socket.once('connect', () => resolve(new SocketIoChannel(socket)));
      socket.once('connect_error', reject);
    });
  }

  send(text: string, onReply: (frame: IngestServerFrame) => void): void {
    this.socket.emit('envelope', text, onReply);
  }

  close(): void {
    this.socket.disconnect();
  }
}

class SocketLoad implements LoadDriver {
  private running = false;
  private inFlight = 0;
  private timers: NodeJS.Timeout[] = [];
  private readonly nextSeq: number[];

  constructor(
    private readonly channels: Channel[],
    private readonly tally: Tally,
  ) {
    this.nextSeq = channels.map(() => 0);
  }

  static async open(transport: 'ws' | 'socket.io', ready: ReadyMessage, tally: Tally): Promise<SocketLoad> {
    const channels: Channel[] = [];
    // In groups, so the server's accept backlog never overflows and the handshakes stay cheap.
    for (let opened = 0; opened < SETTINGS.wsConnections; opened += 100) {
      const group = Math.min(100, SETTINGS.wsConnections - opened);
      channels.push(
        ...(await Promise.all(
          Array.from({ length: group }, () =>
            transport === 'ws'
              ? WsChannel.open(`ws://127.0.0.1:${ready.port}${ready.path}`)
              : SocketIoChannel.open(`http://127.0.0.1:${ready.port}`),
          ),
        )),
      );
    }
    return new SocketLoad(channels, tally);
  }

  saturate(): void {
    this.running = true;
    this.channels.forEach((_, index) => {
      for (let slot = 0; slot < SETTINGS.wsWindow; slot++) this.sendOne(index, true);
    });
  }

  pace(): void {
    this.running = true;
    const periodMs = 1000 / SETTINGS.pacedEnvelopesPerMemberPerSecond;
    this.channels.forEach((_, index) => {
      // Random phases, so 1000 members do not all send in the same millisecond.
      const first = setTimeout(() => {
        this.sendOne(index, false);
        this.timers.push(setInterval(() => this.sendOne(index, false), periodMs));
      }, Math.random() * periodMs);
      this.timers.push(first);
    });
  }

  async stop(): Promise<void> {
    this.running = false;
    for (const timer of this.timers) clearTimeout(timer); // also clears intervals
    this.timers = [];
    await drain(() => this.inFlight);
  }

  async close(): Promise<void> {
    for (const channel of this.channels) channel.close();
    await sleep(200); // let the close frames go before the server is stopped
  }

  private sendOne(index: number, closedLoop: boolean): void {
    if (!this.running) return;
    const seq = this.nextSeq[index]++;
    const startedAt = performance.now();
    this.inFlight++;
    this.channels[index].send(envelopeText(seq), (frame) => {
      this.inFlight--;
      this.tally.record(startedAt, 1, isAcceptedAck(frame, seq));
      if (closedLoop) this.sendOne(index, true);
    });
  }
}

// ---- HTTP load -------------------------------------------------------------------------------

class HttpLoad implements LoadDriver {
  private running = false;
  private inFlight = 0;
  private pacer?: NodeJS.Timeout;
  private readonly agent = new http.Agent({ keepAlive: true, maxSockets: SETTINGS.httpConcurrency });
  private readonly path: string;
  /** One body for every request: the server keeps no state, so distinct seqs would change nothing. */
  private readonly body: Buffer;

  constructor(
    private readonly port: number,
    routePath: string,
    private readonly tally: Tally,
  ) {
    this.path = routePath.replace(':sessionId', EXAMPLE_IDS.sessionId);
    const envelopes = Array.from({ length: SETTINGS.httpBatchSize }, (_, seq) => envelopeText(seq));
    this.body = Buffer.from(`{"envelopes":[${envelopes.join(',')}]}`);
  }

  saturate(): void {
    this.running = true;
    for (let worker = 0; worker < SETTINGS.httpConcurrency; worker++) void this.loop();
  }

  pace(): void {
    this.running = true;
    // Open loop: on each tick send however many requests the target rate says are due by now.
    const startedAt = performance.now();
    let sent = 0;
    this.pacer = setInterval(() => {
      const due = Math.floor(((performance.now() - startedAt) / 1000) * SETTINGS.httpPacedRequestsPerSecond);
      for (; sent < due; sent++) void this.postOnce();
    }, 5);
  }

  async stop(): Promise<void> {
    this.running = false;
    clearInterval(this.pacer);
    await drain(() => this.inFlight);
  }

  async close(): Promise<void> {
    this.agent.destroy();
  }

  private async loop(): Promise<void> {
    while (this.running) {
      const ok = await this.postOnce();
      if (!ok) await sleep(10); // a failing server must not turn this into a busy loop
    }
  }

  private postOnce(): Promise<boolean> {
    const startedAt = performance.now();
    this.inFlight++;
    return new Promise((resolve) => {
      const done = (ok: boolean): void => {
        this.inFlight--;
        this.tally.record(startedAt, SETTINGS.httpBatchSize, ok);
        resolve(ok);
      };
      const request = http.request(
        {
          host: '127.0.0.1',
          port: this.port,
          path: this.path,
          method: 'POST',
          agent: this.agent,
          headers: { 'content-type': 'application/json', 'content-length': this.body.length },
        },
        (response) => {
          const chunks: Buffer[] = [];
          response.on('data', (chunk: Buffer) => chunks.push(chunk));
          response.on('end', () => {
            if (response.statusCode !== 200) return done(false);
            const { acks } = JSON.parse(Buffer.concat(chunks).toString()) as HttpBatchResponse;
            done(
              acks.length === SETTINGS.httpBatchSize &&
                acks.every((ack, seq) => isAcceptedAck({ type: 'ack', ...ack }, seq)),
            );
          });
        },
      );
      request.on('error', () => done(false));
      request.end(this.body);
    });
  }
}

async function drain(inFlight: () => number): Promise<void> {
  const deadline = performance.now() + 5000;
  while (inFlight() > 0 && performance.now() < deadline) await sleep(20);
}

// ---- server process: start, measure from /proc, stop -------------------------------------------

function startServer(kind: ServerKind): Promise<{ child: ChildProcess; ready: ReadyMessage }> {
  const child = fork(SERVER_SCRIPT, [kind], {
    execArgv: ['-r', require.resolve('@swc-node/register')],
    stdio: ['ignore', 'inherit', 'inherit', 'ipc'],
  });
  return new Promise((resolve, reject) => {
    const timeout = setTimeout(() => reject(new Error(`${kind} server did not start within 30 s`)), 30_000);
    child.once('message', (message: ReadyMessage) => {
      clearTimeout(timeout);
      resolve({ child, ready: message });
    });
    child.once('exit', (code) => {
      clearTimeout(timeout);
      reject(new Error(`${kind} server exited with code ${code}`));
    });
  });
}

async function stopServer(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  child.disconnect(); // the server exits when its IPC channel closes
  const forced = setTimeout(() => child.kill('SIGKILL'), 3000);
  await exited;
  clearTimeout(forced);
}

// ---- one phase, one candidate, the whole run ---------------------------------------------------

type Phase = 'saturation' | 'paced';

interface PhaseResult {
  candidate: string;
  phase: Phase;
  envelopesPerSecond: number;
  p50: number;
  p99: number;
  serverCpuPercent: number;
  serverCpuMicrosPerEnvelope: number;
  /** After start-up, before any load (WebSocket servers: with all connections open). */
  serverIdleRssMb: number;
  /** At the end of the last measured slice. */
  serverRssMb: number;
  loadGenCpuPercent: number;
  /** CPU used by everything else on the machine (other jobs, kernel threads), 100 % = one core. */
  othersCpuPercent: number;
  errors: number;
}

/** Sums over the measured slices of one candidate in one phase. */
class PhaseTotals {
  seconds = 0;
  envelopes = 0;
  errors = 0;
  serverCpu = 0;
  loadGenCpu = 0;
  othersCpu = 0;
  serverRssMb = NaN;
  readonly latencies: number[] = [];

  result(candidate: string, phase: Phase, serverIdleRssMb: number): PhaseResult {
    const sorted = Float64Array.from(this.latencies).sort();
    const at = (q: number): number =>
      sorted.length ? sorted[Math.min(sorted.length - 1, Math.floor(q * sorted.length))] : NaN;
    return {
      candidate,
      phase,
      envelopesPerSecond: this.envelopes / this.seconds,
      p50: at(0.5),
      p99: at(0.99),
      serverCpuPercent: (this.serverCpu / this.seconds) * 100,
      serverCpuMicrosPerEnvelope: this.envelopes ? (this.serverCpu * 1e6) / this.envelopes : NaN,
      serverIdleRssMb,
      serverRssMb: this.serverRssMb,
      loadGenCpuPercent: (this.loadGenCpu / this.seconds) * 100,
      othersCpuPercent: (this.othersCpu / this.seconds) * 100,
      errors: this.errors,
    };
  }
}

/** A running server with its load driver, measured in slices. */
interface Contender {
  candidate: Candidate;
  child: ChildProcess;
  pid: number;
  driver: LoadDriver;
  tally: Tally;
  idleRssMb: number;
  totals: Record<Phase, PhaseTotals>;
}

async function startContender(candidate: Candidate): Promise<Contender> {
  const { child, ready } = await startServer(candidate.server);
  const tally = new Tally();
  try {
    const driver: LoadDriver =
      candidate.transport === 'http'
        ? new HttpLoad(ready.port, ready.path, tally)
        : await SocketLoad.open(candidate.transport, ready, tally);
    const totals = { saturation: new PhaseTotals(), paced: new PhaseTotals() };
    const pid = child.pid ?? 0;
    return { candidate, child, pid, driver, tally, idleRssMb: rssMegabytes(pid), totals };
  } catch (error) {
    await stopServer(child);
    throw error;
  }
}

const benchStartedAt = performance.now();

/** One line per step with the time since start, so a slow run shows where the time went. */
function progress(step: string): void {
  console.log(`    +${((performance.now() - benchStartedAt) / 1000).toFixed(1).padStart(5)} s  ${step}`);
}

/** Loads one contender alone for a slice; only the part after the ramp is measured. */
async function measureSlice(contender: Contender, phase: Phase): Promise<void> {
  const { driver, tally, pid } = contender;
  const slice = SETTINGS[phase];
  if (phase === 'saturation') driver.saturate();
  else driver.pace();
  await sleep(slice.rampSeconds * 1000);

  tally.reset();
  const cpuBefore = cpuSeconds(pid);
  const machineBefore = machineBusySeconds();
  const ownBefore = process.cpuUsage();
  const startedAt = performance.now();
  await sleep(slice.sliceSeconds * 1000);
  const seconds = (performance.now() - startedAt) / 1000;
  const serverCpu = cpuSeconds(pid) - cpuBefore;
  const own = process.cpuUsage(ownBefore);
  const ownSeconds = (own.user + own.system) / 1e6;
  const totals = contender.totals[phase];
  totals.seconds += seconds;
  totals.envelopes += tally.envelopes;
  totals.errors += tally.errors;
  totals.serverCpu += serverCpu;
  totals.loadGenCpu += ownSeconds;
  totals.othersCpu += Math.max(0, machineBusySeconds() - machineBefore - serverCpu - ownSeconds);
  totals.serverRssMb = rssMegabytes(pid);
  for (const latency of tally.latencies) totals.latencies.push(latency);
  await driver.stop();
}

/**
 * Both candidates of a pair run at once but are loaded in turn, in A B B A order, slice by
 * slice. The machine these figures come from is shared (other jobs take CPU at random), and
 * interleaving spreads that noise over both candidates instead of handing it to one of them.
 */
async function runPair(pair: readonly Candidate[]): Promise<PhaseResult[]> {
  const contenders: Contender[] = [];
  try {
    // Started together (start-up is slow on a busy machine); if one fails, the finally stops the other.
    const started = await Promise.allSettled(pair.map(startContender));
    for (const outcome of started) if (outcome.status === 'fulfilled') contenders.push(outcome.value);
    const failed = started.find((outcome) => outcome.status === 'rejected');
    if (failed) throw failed.reason;
    progress('servers started' + (pair[0].transport === 'http' ? '' : `, ${SETTINGS.wsConnections} connections each`));
    for (const contender of contenders) {
      contender.driver.saturate(); // warm-up: JIT, connection buffers, Nest's first requests
      await sleep(SETTINGS.warmupSeconds * 1000);
      await contender.driver.stop();
    }
    progress('warmed up');
    const order = contenders.length === 2 ? [0, 1, 1, 0] : [0, 0];
    for (const phase of ['saturation', 'paced'] as const) {
      for (const index of order) await measureSlice(contenders[index], phase);
      progress(`${phase} measured`);
    }
    return contenders.flatMap((contender) =>
      (['saturation', 'paced'] as const).map((phase) =>
        contender.totals[phase].result(contender.candidate.name, phase, contender.idleRssMb),
      ),
    );
  } finally {
    for (const contender of contenders) {
      await contender.driver.close();
      await stopServer(contender.child);
    }
  }
}

function printTable(results: PhaseResult[]): void {
  const header = [
    'candidate',
    'phase',
    'envelopes/s',
    'p50 ms',
    'p99 ms',
    'server CPU %',
    'CPU µs/env',
    'RSS idle MB',
    'RSS MB',
    'load-gen CPU %',
    'others CPU %',
    'errors',
  ];
  const rows = results.map((r) => [
    r.candidate,
    r.phase,
    Math.round(r.envelopesPerSecond).toLocaleString('en-US'),
    r.p50.toFixed(2),
    r.p99.toFixed(2),
    r.serverCpuPercent.toFixed(0),
    r.serverCpuMicrosPerEnvelope.toFixed(0),
    r.serverIdleRssMb.toFixed(0),
    r.serverRssMb.toFixed(0),
    r.loadGenCpuPercent.toFixed(0),
    r.othersCpuPercent.toFixed(0),
    String(r.errors),
  ]);
  const widths = header.map((title, column) => Math.max(title.length, ...rows.map((row) => row[column].length)));
  const line = (cells: string[]): string =>
    '| ' +
    cells
      .map((cell, column) => (column < 2 ? cell.padEnd(widths[column]) : cell.padStart(widths[column])))
      .join(' | ') +
    ' |';
  console.log(line(header));
  // Markdown: text columns left-aligned, figures right-aligned, so the table pastes into docs.
  console.log('|' + widths.map((width, column) => '-'.repeat(width + 1) + (column < 2 ? '-' : ':')).join('|') + '|');
  for (const row of rows) console.log(line(row));
}

function printBundleCost(): void {
  // The package's `exports` hide dist/, so read it from the repo's node_modules directly.
  const packageDir = path.join(__dirname, '..', 'node_modules', 'socket.io-client');
  const dist = path.join(packageDir, 'dist');
  const { version } = JSON.parse(readFileSync(path.join(packageDir, 'package.json'), 'utf8')) as { version: string };
  console.log(`\nbrowser collector transport cost (socket.io-client ${version}, gzip -9):`);
  for (const file of ['socket.io.min.js', 'socket.io.esm.min.js']) {
    const bytes = readFileSync(path.join(dist, file));
    const gzipped = gzipSync(bytes, { level: 9 }).length;
    console.log(
      `  ${file.padEnd(22)} ${(bytes.length / 1024).toFixed(1).padStart(5)} KB min, ${(gzipped / 1024).toFixed(1).padStart(5)} KB gzipped`,
    );
  }
  console.log(`  native WebSocket           0.0 KB (built into the browser)`);
}

async function main(): Promise<void> {
  // Bounded even if a server hangs: the bench must always end by itself.
  setTimeout(() => {
    console.error('transport-choice: gave up after 4 minutes');
    process.exit(1);
  }, 240_000).unref();

  console.log(
    `transport-choice (node ${process.version}, ${os.cpus().length} cores, ${new Date().toISOString()})\n` +
      `  envelope: example Chrome getStats() report, ${TEMPLATE.bytes} bytes of JSON; HTTP batches of ${SETTINGS.httpBatchSize}\n` +
      `  saturation: ${SETTINGS.warmupSeconds} s warm-up + 2 x ${SETTINGS.saturation.sliceSeconds} s measured per candidate, pairs interleaved A B B A;\n` +
      `    WS ${SETTINGS.wsConnections} connections x ${SETTINGS.wsWindow} in flight; HTTP ${SETTINGS.httpConcurrency} concurrent keep-alive requests\n` +
      `  paced: 2 x ${SETTINGS.paced.sliceSeconds} s measured; WS ${SETTINGS.wsConnections} members x ${SETTINGS.pacedEnvelopesPerMemberPerSecond} envelope/s; HTTP ${SETTINGS.httpPacedRequestsPerSecond} batches/s\n` +
      `  server CPU: /proc utime+stime over the window, 100 % = one core; latency: send to ack (HTTP: per batch)\n` +
      `  load average before the run: ${os
        .loadavg()
        .map((load) => load.toFixed(2))
        .join(' ')} (others CPU % below: the rest of the machine)\n`,
  );
  // Optional filter for quick re-runs, e.g. `… transport-choice.bench.ts ws socket.io`.
  const only = process.argv.slice(2);
  const results: PhaseResult[] = [];
  for (const pair of PAIRS) {
    const chosen = only.length ? pair.filter((candidate) => only.includes(candidate.server)) : pair;
    if (chosen.length === 0) continue;
    process.stdout.write(
      `  measuring ${chosen.map((candidate) => candidate.name.replace(/\s+/g, ' ')).join(' vs ')}…\n`,
    );
    results.push(...(await runPair(chosen)));
  }
  console.log('');
  printTable(results.filter((r) => r.phase === 'saturation'));
  console.log('');
  printTable(results.filter((r) => r.phase === 'paced'));
  printBundleCost();
  console.log(`\ndone in ${((performance.now() - benchStartedAt) / 1000).toFixed(0)} s`);
}

main().then(
  () => process.exit(0),
  (error: unknown) => {
    console.error(error);
    process.exit(1);
  },
);
