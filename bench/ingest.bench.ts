// Ingest benchmark: simulated participants each send one stats report per second (or faster,
// as a time-compressed replay) to a real Attune server in its own process, over the WebSocket
// and over HTTP batches, on PostgreSQL and on the embedded database. Prints figures; asserts
// nothing. Options (environment):
//   BENCH_PARTICIPANTS   participants, in sessions of 10 members (default 2000)
//   BENCH_RATE           reports per second per participant (default 1; >1 = compressed time)
//   BENCH_SECONDS        measured seconds per run (default 15, after 3 s of warm-up; over HTTP
//                        plus the time to fill the first batch)
//   BENCH_DATABASES      postgres,embedded (default both)
//   BENCH_TRANSPORTS     ws,http (default both)
//   BENCH_STATS          collector (default: what libs/collector sends — the stats the metrics
//                        use, delta-compressed after the first report) or full (whole reports)
//   BENCH_PEER_CONNECTIONS stats messages per envelope, one per peer connection (default 1; an SFU
//                        client has 2, a mesh member one per other member)
//   BENCH_SERVER_NODE_ARGS extra node flags for the server process (e.g. --cpu-prof)
//   BENCH_SERVER         attune (default) or bare: the same load against a server that only parses
//                        each envelope and acks it (support/serve-bare-ingest.ts, WebSocket only),
//                        to show what this machine and the load generator leave for the real work
//   DATABASE_URL         admin connection for PostgreSQL (default postgres://postgres@127.0.0.1:5432/test)
import { WebSocket } from 'ws';
import { encodeStatsDelta, ingestSubprotocols, type StatsMessage, type StatsObject } from '@attune/protocol';
import { ChromeDevice } from '../apps/simulator/src/output/stats/chrome-device';
import { filterStats } from '../libs/collector/src/stats/stats-filter';
import { startAttuneServer, startBareIngestServer, type AttuneServer } from './support/attune-server';
import { machineSpeedLine } from './support/machine-speed';
import { cpuSeconds, percentile, rssMegabytes } from './support/process-usage';

const PARTICIPANTS = Number(process.env.BENCH_PARTICIPANTS ?? 2000);
const RATE = Number(process.env.BENCH_RATE ?? 1);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 15);
const WARMUP_SECONDS = 3;
const HTTP_BATCH_ENVELOPES = 5;
const MEMBERS_PER_SESSION = 10;
/** Extra node flags for the server process, e.g. "--cpu-prof --cpu-prof-dir=/tmp/prof" to profile it. */
const SERVER_NODE_ARGS = (process.env.BENCH_SERVER_NODE_ARGS ?? '').split(' ').filter((arg) => arg !== '');
const DATABASES = (process.env.BENCH_DATABASES ?? 'postgres,embedded').split(',');
const TRANSPORTS = (process.env.BENCH_TRANSPORTS ?? 'ws,http').split(',');
const STATS_FORM = process.env.BENCH_STATS ?? 'collector';
const PEER_CONNECTIONS = Number(process.env.BENCH_PEER_CONNECTIONS ?? 1);
const BARE = (process.env.BENCH_SERVER ?? 'attune') === 'bare';

interface Participant {
  id: string;
  sessionId: string;
  token: string;
  seq: number;
  template: EnvelopeTemplate;
}

/** A participant's stats envelopes as JSON split around seq, baseline seq and timestamps, so sending one costs a join. */
interface EnvelopeTemplate {
  /** The first report: whole. */
  first: JsonTemplate;
  /** Later reports: whole again, or a delta against the previous report (collector form). */
  next: JsonTemplate;
}

/** Literal JSON pieces between the placeholders, and which placeholder follows each piece. */
interface JsonTemplate {
  pieces: string[];
  holes: Array<'seq' | 'baseline' | 'now'>;
}

interface RunResult {
  database: string;
  transport: string;
  offeredPerSecond: number;
  acceptedPerSecond: number;
  persistedRowsPerSecond: number;
  p50Ms: number;
  p99Ms: number;
  serverCpuPct: number;
  /** This process: sending the envelopes and reading the acks. */
  loadGeneratorCpuPct: number;
  /** Server CPU per accepted message: steadier than throughput on a shared machine. */
  cpuMicrosPerMessage: number;
  serverRssMb: number;
  /** Highest RSS sampled during the run (every 500 ms), warm-up included. */
  peakRssMb: number;
  errors: number;
}

async function main(): Promise<void> {
  console.log(
    `Ingest benchmark: ${PARTICIPANTS} participants × ${RATE} envelope/s × ${PEER_CONNECTIONS} peer connection(s) ` +
      `(${STATS_FORM} stats), ${SECONDS} s measured per run ` +
      `(${machineSpeedLine()})`,
  );
  const results: RunResult[] = [];
  if (BARE) {
    if (TRANSPORTS.join() !== 'ws')
      throw new Error('BENCH_SERVER=bare serves the WebSocket only: set BENCH_TRANSPORTS=ws');
    results.push(await runOnce('none (bare)', 'ws'));
    console.log('\n' + formatTable(results));
    return;
  }
  for (const database of DATABASES) {
    for (const transport of TRANSPORTS) {
      results.push(await runOnce(database, transport));
    }
  }
  console.log('\n' + formatTable(results));
}

async function runOnce(database: string, transport: string): Promise<RunResult> {
  const server = BARE
    ? await startBareIngestServer(SERVER_NODE_ARGS)
    : await startAttuneServer({
        database,
        name: 'ingest',
        nodeArgs: SERVER_NODE_ARGS,
        env: { ATTUNE_INGEST_RATE_PER_SECOND: '100000', ATTUNE_INGEST_RATE_BURST: '100000' },
      });
  try {
    const participants = BARE
      ? unregisteredParticipants(PARTICIPANTS)
      : await createGroupSessions(server, PARTICIPANTS);
    process.stdout.write(`\n[${database}/${transport}] ${participants.length} participants ready; running…`);
    const load = transport === 'ws' ? await openSockets(server, participants) : httpLoad(server);
    const latencies: number[] = [];
    let accepted = 0;
    let errors = 0;
    load.onAck((latencyMs, acceptedMessages, failed) => {
      if (measuring) {
        latencies.push(latencyMs);
        accepted += acceptedMessages;
        errors += failed ? 1 : 0;
      }
    });
    let measuring = false;
    let peakRssMb = 0;
    const rssSampler = setInterval(() => {
      peakRssMb = Math.max(peakRssMb, rssMegabytes(server.process.pid!));
    }, 500);
    const stopSending = startSending(participants, load);
    // Steady state only: a participant's first envelope makes the server load it from the
    // database, and over HTTP that first post leaves only once a batch is full.
    const firstPostAfterSeconds = transport === 'http' ? HTTP_BATCH_ENVELOPES / RATE : 0;
    await sleep((WARMUP_SECONDS + firstPostAfterSeconds) * 1000);
    const before = {
      cpu: cpuSeconds(server.process.pid!),
      loadCpu: process.cpuUsage(),
      rows: await persistedRows(server),
      at: Date.now(),
    };
    measuring = true;
    await sleep(SECONDS * 1000);
    measuring = false;
    const after = {
      cpu: cpuSeconds(server.process.pid!),
      loadCpu: process.cpuUsage(before.loadCpu),
      rows: await persistedRows(server),
      at: Date.now(),
    };
    const rssMb = rssMegabytes(server.process.pid!);
    clearInterval(rssSampler);
    stopSending();
    await load.close();
    const elapsed = (after.at - before.at) / 1000;
    process.stdout.write(' done\n');
    return {
      database,
      transport,
      offeredPerSecond: PARTICIPANTS * RATE * PEER_CONNECTIONS,
      acceptedPerSecond: accepted / elapsed,
      persistedRowsPerSecond: (after.rows - before.rows) / elapsed,
      p50Ms: percentile(latencies, 50),
      p99Ms: percentile(latencies, 99),
      serverCpuPct: ((after.cpu - before.cpu) / elapsed) * 100,
      loadGeneratorCpuPct: ((after.loadCpu.user + after.loadCpu.system) / 1e6 / elapsed) * 100,
      cpuMicrosPerMessage: ((after.cpu - before.cpu) * 1e6) / Math.max(1, accepted),
      serverRssMb: rssMb,
      peakRssMb: Math.max(peakRssMb, rssMb),
      errors,
    };
  } finally {
    await server.stop();
  }
}

// --- the server -------------------------------------------------------------------------

async function api<Body>(server: AttuneServer, path: string, body: unknown): Promise<Body> {
  const response = await fetch(server.baseUrl + path, {
    method: 'POST',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${server.adminToken}` },
    body: JSON.stringify(body),
  });
  if (!response.ok) throw new Error(`${path}: HTTP ${response.status} ${await response.text()}`);
  return (await response.json()) as Body;
}

async function persistedRows(server: AttuneServer): Promise<number> {
  if (BARE) return 0; // it stores nothing
  const response = await fetch(`${server.baseUrl}/api/v1/admin/metrics`, {
    headers: { authorization: `Bearer ${server.adminToken}` },
  });
  const metrics = (await response.json()) as { storage: { rowsPersisted: number } };
  return metrics.storage.rowsPersisted;
}

/** Participants in sessions of MEMBERS_PER_SESSION, as real groups are (the pipeline works per session). */
async function createGroupSessions(server: AttuneServer, count: number): Promise<Participant[]> {
  const organisation = await api<{ id: string }>(server, '/api/v1/organisations', { name: 'Bench' });
  const group = await api<{ id: string }>(server, '/api/v1/groups', { organisationId: organisation.id, name: 'Bench' });
  const participants: Participant[] = [];
  for (let first = 0; first < count; first += MEMBERS_PER_SESSION) {
    const session = await api<{ id: string }>(server, '/api/v1/sessions', {
      groupId: group.id,
      scheduledStart: new Date().toISOString(),
      facilitator: { displayName: 'Bench facilitator' },
    });
    await api(server, `/api/v1/sessions/${session.id}/start`, {});
    const size = Math.min(MEMBERS_PER_SESSION, count - first);
    participants.push(
      ...(await Promise.all(Array.from({ length: size }, () => createParticipant(server, session.id)))),
    );
  }
  return participants;
}

/** For the bare server, which checks no token: ids only, in sessions of MEMBERS_PER_SESSION. */
function unregisteredParticipants(count: number): Participant[] {
  return Array.from({ length: count }, (_, index) => {
    const sessionId = `bare-session-${Math.floor(index / MEMBERS_PER_SESSION)}`;
    const id = `bare-member-${index}`;
    return { id, sessionId, token: 'none', seq: 0, template: envelopeTemplate(sessionId, id) };
  });
}

async function createParticipant(server: AttuneServer, sessionId: string): Promise<Participant> {
  const { id } = await api<{ id: string }>(server, `/api/v1/sessions/${sessionId}/participants`, {
    displayName: 'Bench member',
    consent: { storage: true },
  });
  const { token } = await api<{ token: string }>(server, `/api/v1/sessions/${sessionId}/participants/${id}/tokens`, {});
  return { id, sessionId, token, seq: 0, template: envelopeTemplate(sessionId, id) };
}

// --- the load ----------------------------------------------------------------------------

type AckListener = (latencyMs: number, acceptedMessages: number, failed: boolean) => void;

interface Load {
  send(participant: Participant, json: string, seq: number): void;
  onAck(listener: AckListener): void;
  close(): Promise<void>;
}

async function openSockets(server: AttuneServer, participants: Participant[]): Promise<Load> {
  let listener: AckListener = () => {};
  const sockets = new Map<string, WebSocket>();
  const sentAt = new Map<string, number>();
  const wsUrl = server.baseUrl.replace('http', 'ws');
  for (let start = 0; start < participants.length; start += 100) {
    await Promise.all(
      participants.slice(start, start + 100).map(
        (participant) =>
          new Promise<void>((resolve, reject) => {
            const socket = new WebSocket(`${wsUrl}/ingest`, ingestSubprotocols(participant.token));
            socket.once('open', () => resolve());
            socket.once('error', reject);
            socket.on('message', (data) => {
              const frame = JSON.parse((data as Buffer).toString('utf8')) as {
                type: string;
                seq?: number;
                accepted?: number;
              };
              const key = `${participant.id}:${frame.seq}`;
              const started = sentAt.get(key);
              sentAt.delete(key);
              if (started !== undefined)
                listener(performance.now() - started, frame.accepted ?? 0, frame.type !== 'ack');
            });
            sockets.set(participant.id, socket);
          }),
      ),
    );
  }
  return {
    send(participant, json, seq) {
      sentAt.set(`${participant.id}:${seq}`, performance.now());
      sockets.get(participant.id)!.send(json);
    },
    onAck(next) {
      listener = next;
    },
    async close() {
      sockets.forEach((socket) => socket.close());
    },
  };
}

function httpLoad(server: AttuneServer): Load {
  let listener: AckListener = () => {};
  const pending = new Map<string, string[]>();
  const inFlight = new Set<Promise<void>>();
  return {
    send(participant, json) {
      const batch = pending.get(participant.id) ?? [];
      batch.push(json);
      pending.set(participant.id, batch);
      if (batch.length < HTTP_BATCH_ENVELOPES) return;
      pending.delete(participant.id);
      const started = performance.now();
      const request = fetch(`${server.baseUrl}/api/v1/sessions/${participant.sessionId}/ingest`, {
        method: 'POST',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${participant.token}` },
        body: `{"envelopes":[${batch.join(',')}]}`,
      })
        .then(async (response) => {
          const body = (await response.json()) as { acceptedMessages?: number };
          listener(performance.now() - started, body.acceptedMessages ?? 0, !response.ok);
        })
        .catch(() => listener(performance.now() - started, 0, true))
        .finally(() => inFlight.delete(request));
      inFlight.add(request);
    },
    onAck(next) {
      listener = next;
    },
    async close() {
      await Promise.all(inFlight);
    },
  };
}

/** Each participant sends RATE reports per second, spread evenly so the load is smooth. */
function startSending(participants: Participant[], load: Load): () => void {
  const tickMs = 10;
  const perTick = (participants.length * RATE * tickMs) / 1000;
  let owed = 0;
  let next = 0;
  const timer = setInterval(() => {
    owed += perTick;
    while (owed >= 1) {
      const participant = participants[next];
      next = (next + 1) % participants.length;
      owed -= 1;
      const seq = participant.seq++;
      const now = Date.now();
      const template = seq === 0 ? participant.template.first : participant.template.next;
      load.send(participant, render(template, seq, now), seq);
    }
  }, tickMs);
  return () => clearInterval(timer);
}

/**
 * The stats envelopes of a Chrome-like member (12 stats objects, the pipeline benchmark's
 * device): whole reports, or as the collector sends them (filtered to what the metrics use,
 * then delta-compressed against the previous report, which the server acknowledged).
 */
function envelopeTemplate(sessionId: string, participantId: string): EnvelopeTemplate {
  // A timestamp no real report has, to split the JSON around; seqs get placeholders too.
  const marker = 4_102_444_800_123;
  const device = new ChromeDevice(participantId, 0);
  device.report(marker - 60_000, 0); // a minute in, so the counters look like a call in progress
  const previous = device.report(marker - 1000, 0.5) as StatsMessage;
  const current = device.report(marker, 0.5) as StatsMessage;
  // One stats message per peer connection, as the collector packs a poll of all of them.
  const envelope = (message: Record<string, unknown>) =>
    JSON.stringify({
      v: 1,
      sessionId,
      participantId,
      seq: '__SEQ__',
      sentAt: marker,
      messages: Array.from({ length: PEER_CONNECTIONS }, (_, k) => ({ ...message, peerConnectionId: `pc-${k + 1}` })),
    });
  if (STATS_FORM === 'full') {
    const whole = compileTemplate(envelope(current), marker);
    return { first: whole, next: whole };
  }
  if (STATS_FORM !== 'collector') throw new Error(`BENCH_STATS must be collector or full, not ${STATS_FORM}`);
  const filtered = (message: StatsMessage) => filterStats(message.stats as StatsObject[]);
  const delta = encodeStatsDelta(filtered(previous), filtered(current), marker);
  return {
    first: compileTemplate(envelope({ ...current, stats: filtered(current) }), marker),
    next: compileTemplate(
      envelope({
        kind: 'stats',
        timestamp: marker,
        peerConnectionId: current.peerConnectionId,
        deltaOf: '__BASELINE__',
        ...delta,
      }),
      marker,
    ),
  };
}

function compileTemplate(json: string, marker: number): JsonTemplate {
  const pieces: string[] = [];
  const holes: JsonTemplate['holes'] = [];
  const pattern = new RegExp(`"__SEQ__"|"__BASELINE__"|${marker}`, 'g');
  let start = 0;
  for (const match of json.matchAll(pattern)) {
    pieces.push(json.slice(start, match.index));
    holes.push(match[0] === '"__SEQ__"' ? 'seq' : match[0] === '"__BASELINE__"' ? 'baseline' : 'now');
    start = (match.index ?? 0) + match[0].length;
  }
  pieces.push(json.slice(start));
  return { pieces, holes };
}

/** The envelope of `seq`, sent at `now`; a delta's baseline is the report before it. */
function render(template: JsonTemplate, seq: number, now: number): string {
  let json = template.pieces[0];
  for (let index = 0; index < template.holes.length; index++) {
    const hole = template.holes[index];
    json += (hole === 'seq' ? seq : hole === 'baseline' ? seq - 1 : now) + template.pieces[index + 1];
  }
  return json;
}

function formatTable(results: RunResult[]): string {
  const header = [
    'database',
    'transport',
    'offered msg/s',
    'accepted msg/s',
    'persisted rows/s',
    'p50 ms',
    'p99 ms',
    'server CPU %',
    'load generator CPU %',
    'CPU µs/msg',
    'server RSS MB',
    'peak RSS MB',
    'errors',
  ];
  const rows = results.map((r) => [
    r.database,
    r.transport,
    r.offeredPerSecond.toFixed(0),
    r.acceptedPerSecond.toFixed(0),
    r.persistedRowsPerSecond.toFixed(0),
    r.p50Ms.toFixed(1),
    r.p99Ms.toFixed(1),
    r.serverCpuPct.toFixed(0),
    r.loadGeneratorCpuPct.toFixed(0),
    r.cpuMicrosPerMessage.toFixed(0),
    r.serverRssMb.toFixed(0),
    r.peakRssMb.toFixed(0),
    String(r.errors),
  ]);
  return [header, ...rows].map((row) => '| ' + row.join(' | ') + ' |').join('\n');
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
