// Pipeline benchmark, in process (no HTTP, no database). Prints figures; asserts nothing.
//
//   1. Throughput: Chrome-like stats reports per second through normalisation and every metric
//      (the SessionAnalyzer), on one core, with the live pipeline's once-a-second advance and
//      snapshot per session.
//   2. Memory per participant after a simulated 90-minute session of 12 members: heap after gc,
//      minus the heap before the session started (after two warm-up sessions as long), over 12;
//      and the same for the count of live objects (heap snapshots).
//   3. Snapshot latency with 1,000 concurrent sessions of 10 members (one report per member per
//      second, spread over the second), through the pipeline's real rxjs graph.
//
// Options (environment):
//   BENCH_THROUGHPUT_SESSIONS  sessions of 10 members × 300 s replayed per round for (1) (default 12)
//   BENCH_THROUGHPUT_ROUNDS    measured rounds for (1), after as many warm-up sessions as a round (default 5)
//   BENCH_MEMORY_MINUTES       session length for (2) (default 90)
//   BENCH_MEMORY_WARMUP_MINUTES  length of the sessions run first for (2), so compiled code is not counted (default:
//                              as long as the measured one)
//   BENCH_MEMORY_WARMUP_SESSIONS how many (default 2)
//   BENCH_SESSIONS             concurrent sessions for (3) (default 1000)
//   BENCH_MEMBERS              members per session for (3) (default 10)
//   BENCH_SECONDS              measured seconds for (3) (default 180, after BENCH_WARMUP_SECONDS, default 10):
//                              long enough to hold two of the full collections (about every 80 s at
//                              1,000 × 10) that set its p99; a minute may hold none and flatter it
//   BENCH_WORKERS              (3) with the sessions shared over this many worker threads, each a
//                              pipeline of its own; the main thread makes and hands out the reports
//                              (default 0: everything in one thread, as the server runs today)
//   BENCH_LATENESS_MS          the analyzers' allowed lateness (default 5000, PRODUCT.md's): the
//                              longest a report is held before it is applied
//   BENCH_SOURCE_DISORDER_MS   the analyzers' sourceDisorderMs (default 1000): how far behind each
//                              member's newest report the watermark stays; 5000 holds every report
//                              the whole lateness, as the analyzer did before it followed members
//   BENCH_PARTS                which parts to run (default throughput,memory,latency)
//
// Like the server, the benchmark lets the old generation grow to 4× what a full collection left
// (apps/api/src/bootstrap/heap-policy.ts); `node --heap-growing-percent=0` gives V8's own choice.
import { spawnSync } from 'node:child_process';
import { join } from 'node:path';
import { Worker } from 'node:worker_threads';
import { monitorEventLoopDelay } from 'node:perf_hooks';
import { SessionAnalyzer, type SessionInput } from '@attune/metrics';
import type { EnvelopeHeader, Message } from '@attune/protocol';
import { LiveSession } from '../apps/api/src/pipeline/live-session';
import { LatencyProbes, SessionGraph, type BenchEnvelope } from './support/measured-pipeline';
import type { FromPipelineWorker, ToPipelineWorker } from './support/pipeline-worker';
import { FullCollections } from './support/full-collections';
import { machineSpeedLine } from './support/machine-speed';
import { liveHeapObjects } from './support/heap-objects';
import { percentile } from './support/process-usage';
import { applyHeapPolicy } from '../apps/api/src/bootstrap/heap-policy';
import { ChromeDevice } from '../apps/simulator/src/output/stats/chrome-device';

const THROUGHPUT_SESSIONS = Number(process.env.BENCH_THROUGHPUT_SESSIONS ?? 12);
const THROUGHPUT_ROUNDS = Number(process.env.BENCH_THROUGHPUT_ROUNDS ?? 5);
const THROUGHPUT_SECONDS = 300;
const MEMORY_MINUTES = Number(process.env.BENCH_MEMORY_MINUTES ?? 90);
const MEMORY_MEMBERS = 12;
const MEMORY_WARMUP_MINUTES = Number(process.env.BENCH_MEMORY_WARMUP_MINUTES ?? MEMORY_MINUTES);
const MEMORY_WARMUP_SESSIONS = Number(process.env.BENCH_MEMORY_WARMUP_SESSIONS ?? 2);
const SESSIONS = Number(process.env.BENCH_SESSIONS ?? 1000);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 10);
const SECONDS = Number(process.env.BENCH_SECONDS ?? 180);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const WORKERS = Number(process.env.BENCH_WORKERS ?? 0);
const PARTS = (process.env.BENCH_PARTS ?? 'throughput,memory,latency').split(',');
const LATENESS_MS = Number(process.env.BENCH_LATENESS_MS ?? 5_000);
const SOURCE_DISORDER_MS = Number(process.env.BENCH_SOURCE_DISORDER_MS ?? 1_000);

/** The 90-minute figure needs a real gc; re-run this file with --expose-gc when it is missing. */
function ensureGc(): boolean {
  if (typeof global.gc === 'function') return true;
  const result = spawnSync(process.execPath, ['--expose-gc', ...process.execArgv, ...process.argv.slice(1)], {
    stdio: 'inherit',
  });
  process.exit(result.status ?? 1);
}

async function main(): Promise<void> {
  ensureGc();
  applyHeapPolicy();
  // Once per run, also when one part is asked for (the parts' own processes leave it out).
  if (!process.env.BENCH_PART_PROCESS) console.log(`Pipeline benchmark (${machineSpeedLine()})`);
  if (PARTS.length > 1) {
    // Each part in a process of its own, as a server runs only the live pipeline: after the
    // first two parts the heap held about 1.1 GB of their leftovers (0.4 GB for the latency
    // part alone), which the latency part's garbage collections then had to work through.
    for (const part of PARTS) {
      const result = spawnSync(process.execPath, [...process.execArgv, ...process.argv.slice(1)], {
        stdio: 'inherit',
        env: { ...process.env, BENCH_PARTS: part, BENCH_PART_PROCESS: '1' },
      });
      if (result.status !== 0) process.exit(result.status ?? 1);
    }
    return;
  }
  if (PARTS.includes('throughput')) throughput();
  if (PARTS.includes('memory')) await memoryPerParticipant();
  if (PARTS.includes('latency')) await snapshotLatency();
}

// --- 1. throughput ----------------------------------------------------------------------------

function throughput(): void {
  // Generated once and replayed through fresh analyzers, so generating reports is not timed.
  const devices = Array.from({ length: 10 }, (_, index) => new ChromeDevice(`p${index}`, index));
  const start = Date.UTC(2026, 0, 1);
  const seconds: SessionInput[][] = [];
  for (let second = 1; second <= THROUGHPUT_SECONDS; second++) {
    seconds.push(devices.flatMap((device) => device.second(start + second * 1000)));
  }
  const reportsPerSession = THROUGHPUT_SECONDS * devices.length;
  const runOnce = (sessionId: string) => {
    const analyzer = new SessionAnalyzer({
      sessionId,
      latenessMs: LATENESS_MS,
      sourceDisorderMs: SOURCE_DISORDER_MS,
      windowSeconds: 10,
    });
    seconds.forEach((inputs, index) => {
      for (const input of inputs) analyzer.push(input);
      const now = start + (index + 1) * 1000;
      analyzer.advanceTo(now);
      analyzer.snapshot(now);
    });
    analyzer.finish(start + (THROUGHPUT_SECONDS + 1) * 1000);
  };
  // A round takes well under a second: one round alone swung by ±10 % with what the JIT and the
  // garbage collector happened to do in it, so a round's worth of sessions warms up first and
  // several rounds are measured.
  for (let session = 0; session < THROUGHPUT_SESSIONS; session++) runOnce(`warm-up-${session}`);
  const rates: number[] = [];
  let elapsedSeconds = 0;
  for (let round = 0; round < THROUGHPUT_ROUNDS; round++) {
    const began = process.hrtime.bigint();
    for (let session = 0; session < THROUGHPUT_SESSIONS; session++) runOnce(`r${round}-s${session}`);
    const seconds = Number(process.hrtime.bigint() - began) / 1e9;
    elapsedSeconds += seconds;
    rates.push((reportsPerSession * THROUGHPUT_SESSIONS) / seconds);
  }
  const reports = reportsPerSession * THROUGHPUT_SESSIONS * THROUGHPUT_ROUNDS;
  const otherMessages = (seconds.flat().length - reportsPerSession) * THROUGHPUT_SESSIONS * THROUGHPUT_ROUNDS;
  rates.sort((a, b) => a - b);
  console.log(
    `\n1. Throughput (normalise + metrics, one core): ${fmt(reports / elapsedSeconds)} reports/s ` +
      `(rounds: min ${fmt(rates[0])}, median ${fmt(percentile(rates, 50))}, max ${fmt(rates[rates.length - 1])}; ` +
      `${fmt(reports)} Chrome reports of 12 stats objects + ${fmt(otherMessages)} utterances/events, ` +
      `with an advance and a snapshot per session-second, in ${elapsedSeconds.toFixed(2)} s; aim ≥ 50,000)`,
  );
}

// --- 2. memory per participant ------------------------------------------------------------------

async function memoryPerParticipant(): Promise<void> {
  const gc = global.gc as () => void;
  // Sessions run first compile the code a session runs (V8 compiles each function on its first
  // call, and keeps its bytecode and optimised code on the heap): measured from a cold start,
  // that code, shared by every session, would be counted as if the participants' state held it.
  // They are as long as the measured one, and there are two: paths first taken late in a session
  // (rolling windows wrapping after 15 min) and functions optimised or deoptimised after many
  // calls otherwise compile during the measurement. After one 20-minute warm-up session they
  // added about 30 KB per participant (62–64 KB instead of 29–34 KB for the same code); sessions
  // kept side by side show the cost of one more session settling after the second.
  for (let session = 0; session < MEMORY_WARMUP_SESSIONS; session++) {
    runMemorySession(`warm-up-${session}`, MEMORY_WARMUP_MINUTES);
  }
  gc();
  gc();
  const before = process.memoryUsage().heapUsed;
  let measured: ReturnType<typeof runMemorySession> | undefined = runMemorySession('memory', MEMORY_MINUTES);
  gc();
  gc();
  const after = process.memoryUsage().heapUsed;
  const { results, snapshotBytes } = measured;
  const footprint = measured.analyzer.footprint();
  const heldEnvelopes = measured.session.heldEnvelopes;
  // Objects are counted with the session and again once it is dropped, after the bytes: a heap
  // snapshot collects more thoroughly than gc() and, taken in between, moved the bytes figure.
  const objectsWithSession = await liveHeapObjects();
  if (measured.session.sessionId !== 'memory') console.log(measured.session); // reachable until counted
  measured = undefined;
  const objectsPerParticipant = (objectsWithSession - (await liveHeapObjects())) / MEMORY_MEMBERS;
  const perParticipant = (after - before) / MEMORY_MEMBERS;
  console.log(
    `\n2. Memory: ${fmt(perParticipant / 1024, 1)} KB per participant after a ${MEMORY_MINUTES}-minute session of ` +
      `${MEMORY_MEMBERS} members, ${fmt(objectsPerParticipant)} objects each (what a full collection marks) ` +
      `(heap after gc ${fmt((after - before) / 1024)} KB for the session, after ` +
      `${MEMORY_WARMUP_SESSIONS} warm-up sessions of ${MEMORY_WARMUP_MINUTES} minutes; ${fmt(results)} windows and episodes handed on; last snapshot ` +
      `${fmt(snapshotBytes / 1024, 1)} KB of JSON; buffered messages ${footprint.session.buffered}, envelopes held for a missing seq ${heldEnvelopes}; aim < 64 KB)`,
  );
}

/** One live session of MEMORY_MEMBERS Chrome members for `minutes`, ticked once a second as live. */
function runMemorySession(sessionId: string, minutes: number) {
  const devices = Array.from({ length: MEMORY_MEMBERS }, (_, index) => new ChromeDevice(`m${index}`, index));
  const start = Date.UTC(2026, 0, 1);
  const analyzer = new SessionAnalyzer({
    sessionId,
    latenessMs: LATENESS_MS,
    sourceDisorderMs: SOURCE_DISORDER_MS,
    windowSeconds: 10,
  });
  const session = new LiveSession(sessionId, analyzer, (_id, step, error) => console.error(step, error));
  const totalSeconds = minutes * 60;
  let results = 0;
  let snapshotBytes = 0;
  for (let second = 1; second <= totalSeconds; second++) {
    const now = start + second * 1000;
    for (const device of devices) {
      // One envelope a second from each member's collector: its seqs go up by one, as live.
      session.apply(
        { kind: 'messages', sessionId, participantId: device.id, seq: second, inputs: device.second(now) },
        now,
      );
    }
    // As live: the watermark follows event time once a second, results go to the database.
    const outputs = session.tick(now);
    for (const output of outputs) {
      if (output.kind === 'results') results += output.results.windows.length + output.results.episodes.length;
      if (output.kind === 'snapshot' && second === totalSeconds) snapshotBytes = JSON.stringify(output.snapshot).length;
    }
  }
  return { session, analyzer, results, snapshotBytes };
}

// --- 3. snapshot latency --------------------------------------------------------------------------

/** Where the latency part hands its envelopes: one pipeline in this thread, or one per worker thread. */
interface PipelineSink {
  hand(envelope: BenchEnvelope): void;
  /** After each round of the sender: workers get what was handed to them in one message. */
  flush(): void;
  /** Resolves with the analyzers' failures. */
  stop(): Promise<number>;
}

function pipelineInThisThread(probes: LatencyProbes): PipelineSink {
  const graph = new SessionGraph(LATENESS_MS, SOURCE_DISORDER_MS, (output) => probes.onOutput(output));
  return {
    hand: (envelope) => {
      probes.handed(envelope);
      graph.hand(envelope);
    },
    flush: () => undefined,
    stop: () => {
      graph.stop();
      return Promise.resolve(graph.failures);
    },
  };
}

/**
 * Sessions shared over worker threads by a hash of their id, as a sharded live pipeline would:
 * envelopes go to a worker, snapshots and results come back to be published here.
 */
function pipelineInWorkers(count: number, probes: LatencyProbes): PipelineSink {
  const script = join(__dirname, 'support', 'pipeline-worker.ts');
  const workers = Array.from({ length: count }, () => {
    const worker = new Worker(`require('@swc-node/register'); require(${JSON.stringify(script)});`, {
      eval: true,
      workerData: { latenessMs: LATENESS_MS, sourceDisorderMs: SOURCE_DISORDER_MS },
    });
    worker.on('message', (message: FromPipelineWorker) => {
      if (message.kind === 'outputs') for (const output of message.outputs) probes.onOutput(output);
    });
    return worker;
  });
  const batches: BenchEnvelope[][] = workers.map(() => []);
  const post = (worker: Worker, message: ToPipelineWorker) => worker.postMessage(message);
  return {
    hand: (envelope) => {
      probes.handed(envelope);
      batches[shardOf(envelope.header.sessionId, count)].push(envelope);
    },
    flush: () =>
      batches.forEach((envelopes, index) => {
        if (envelopes.length === 0) return;
        post(workers[index], { kind: 'envelopes', envelopes });
        batches[index] = [];
      }),
    stop: async () => {
      const failures = await Promise.all(
        workers.map(
          (worker) =>
            new Promise<number>((resolve) => {
              worker.on('message', (message: FromPipelineWorker) => {
                if (message.kind === 'stopped') resolve(message.failures);
              });
              post(worker, { kind: 'stop' });
            }),
        ),
      );
      await Promise.all(workers.map((worker) => worker.terminate()));
      return failures.reduce((total, count) => total + count, 0);
    },
  };
}

/**
 * A hash of its own, not tick-phase.ts's: a shard taken from the tick phase would give each
 * worker the sessions of one slice of the second, so the workers would be busy in turn.
 */
function shardOf(sessionId: string, count: number): number {
  let hash = 0;
  for (let index = 0; index < sessionId.length; index++) hash = (hash * 31 + sessionId.charCodeAt(index)) >>> 0;
  return hash % count;
}

async function snapshotLatency(): Promise<void> {
  const probes = new LatencyProbes();
  const sink = WORKERS > 0 ? pipelineInWorkers(WORKERS, probes) : pipelineInThisThread(probes);

  // Interleaved, so that a session's members report at different moments of the second.
  const participants = Array.from({ length: SESSIONS * MEMBERS }, (_, index) => {
    const sessionId = `session-${index % SESSIONS}`;
    return { sessionId, device: new ChromeDevice(`${sessionId}-m${Math.floor(index / SESSIONS)}`, index), seq: 0 };
  });

  // Every participant reports once a second; the reports are spread evenly over the second.
  const loopDelay = monitorEventLoopDelay({ resolution: 10 });
  // Owed reports follow the clock, not the number of timer callbacks, so an event loop that
  // falls behind shows up as latency (and a shortfall below), not as a quietly lower load.
  let owed = 0;
  let next = 0;
  let sent = 0;
  let lastSendAt = Date.now();
  const sender = setInterval(() => {
    const tickAt = Date.now();
    owed = Math.min(owed + ((tickAt - lastSendAt) * participants.length) / 1000, participants.length);
    lastSendAt = tickAt;
    while (owed >= 1) {
      owed -= 1;
      const participant = participants[next];
      next = (next + 1) % participants.length;
      const now = Date.now();
      const header: EnvelopeHeader = {
        v: 1,
        sessionId: participant.sessionId,
        participantId: participant.device.id,
        seq: participant.seq++,
        sentAt: now,
      };
      const messages = participant.device.second(now).map((input) => input.message as Message);
      sink.hand({ header, messages, receivedAt: now });
      if (probes.measuring) sent += 1;
    }
    sink.flush();
  }, 10);

  process.stdout.write(
    `\n3. Latency: ${SESSIONS} sessions × ${MEMBERS} members, ${fmt(SESSIONS * MEMBERS)} reports/s, ` +
      `${WORKERS > 0 ? `sessions shared over ${WORKERS} worker threads` : 'in one thread'}; ` +
      `${WARMUP_SECONDS} s warm-up, ${SECONDS} s measured…`,
  );
  await sleep(WARMUP_SECONDS * 1000);
  const cpuBefore = process.cpuUsage();
  const wallBefore = Date.now();
  loopDelay.enable();
  const fullCollections = new FullCollections();
  fullCollections.start();
  probes.measuring = true;
  await sleep(SECONDS * 1000);
  probes.measuring = false;
  loopDelay.disable();
  fullCollections.stop();
  const cpu = process.cpuUsage(cpuBefore);
  const elapsed = (Date.now() - wallBefore) / 1000;
  clearInterval(sender);
  const failures = await sink.stop();
  const { tickLagMs, nextSnapshotMs, coveredMs, windows } = probes.figures;
  process.stdout.write(' done\n');

  const row = (name: string, values: number[], note: string) =>
    `   ${name.padEnd(44)} p50 ${fmt(percentile(values, 50), 0).padStart(5)} ms   p99 ${fmt(percentile(values, 99), 0).padStart(5)} ms   (${note})`;
  console.log(
    [
      row(
        'snapshot due → out (pipeline delay)',
        tickLagMs,
        `${fmt(tickLagMs.length)} snapshots, ${fmt(tickLagMs.length / elapsed)}/s; aim p99 < 100 ms`,
      ),
      row('report in → next snapshot out', nextSnapshotMs, 'includes waiting for the once-a-second tick'),
      row(
        'report in → first snapshot that counts it',
        coveredMs,
        `includes the watermark: ${SOURCE_DISORDER_MS / 1000} s behind every member's newest report, at most ${LATENESS_MS / 1000} s behind`,
      ),
      `   reports handed in: ${fmt(sent / elapsed)}/s of ${fmt(participants.length)}/s offered; process CPU ${fmt(((cpu.user + cpu.system) / 1e6 / elapsed) * 100)} % of one core; ` +
        `event-loop delay p50 ${fmt(loopDelay.percentile(50) / 1e6, 1)} ms, p99 ${fmt(loopDelay.percentile(99) / 1e6, 1)} ms; ` +
        `heap ${fmt(process.memoryUsage().heapUsed / 2 ** 20)} MB${WORKERS > 0 ? " (main thread's)" : ''}; windows ${fmt(windows)}; analyzer failures ${failures}`,
      `   full garbage collections in the ${SECONDS} s${WORKERS > 0 ? " (main thread's)" : ''}: ${fullCollections.describe()}`,
    ].join('\n'),
  );
}

function fmt(value: number, digits = 0): string {
  return value.toLocaleString('en-US', { minimumFractionDigits: digits, maximumFractionDigits: digits });
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
