// A worker thread of bench/pipeline.bench.ts's latency part (BENCH_WORKERS > 0): its share of the
// sessions runs here, in a graph with its own event loop and heap; snapshots and results go back
// to the main thread, which serves them in a server.
import { parentPort, workerData } from 'node:worker_threads';
import type { SessionOutput } from '../../apps/api/src/pipeline/session-output';
import { SessionGraph, type BenchEnvelope } from './measured-pipeline';

export type ToPipelineWorker = { kind: 'envelopes'; envelopes: BenchEnvelope[] } | { kind: 'stop' };
export type FromPipelineWorker = { kind: 'outputs'; outputs: SessionOutput[] } | { kind: 'stopped'; failures: number };

const port = parentPort;
if (!port) throw new Error('pipeline-worker.ts runs as a worker thread');
const send = (message: FromPipelineWorker) => port.postMessage(message);

// Outputs of one turn of the event loop travel in one message.
let outputs: SessionOutput[] = [];
const { latenessMs, sourceDisorderMs } = workerData as { latenessMs: number; sourceDisorderMs: number };
const graph = new SessionGraph(latenessMs, sourceDisorderMs, (output) => {
  if (outputs.length === 0)
    setImmediate(() => {
      send({ kind: 'outputs', outputs });
      outputs = [];
    });
  outputs.push(output);
});

port.on('message', (message: ToPipelineWorker) => {
  switch (message.kind) {
    case 'envelopes':
      for (const envelope of message.envelopes) graph.hand(envelope);
      return;
    case 'stop':
      graph.stop();
      send({ kind: 'stopped', failures: graph.failures });
      port.close();
      return;
  }
});
