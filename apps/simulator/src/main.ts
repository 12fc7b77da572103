#!/usr/bin/env node
/**
 * `npm run simulate -- …`: a simulated group session, live against a running api or into
 * NDJSON recordings with their ground truth. See docs/simulator.md.
 */
import { runFileSimulation, runLiveSimulation, type SimulatorIo } from './cli/run-simulation';
import { parseSimulateArguments, SIMULATE_USAGE, UsageError, type SimulateArguments } from './cli/simulate-arguments';

const io: SimulatorIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
};

async function main(argv: readonly string[]): Promise<number> {
  if (argv.includes('--help') || argv.includes('-h')) {
    io.stdout(`${SIMULATE_USAGE}\n`);
    return 0;
  }
  let args: SimulateArguments;
  try {
    args = parseSimulateArguments(argv, process.env);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`simulate: ${error.message}\n\n${SIMULATE_USAGE}\n`);
    return 2;
  }
  if (args.target.kind === 'file') {
    runFileSimulation(args, args.target.outDirectory, io);
    return 0;
  }
  // Ctrl-C stops sending and still ends the session, so it does not stay live on the server.
  const stop = new AbortController();
  process.once('SIGINT', () => {
    io.stderr('\nStopping: ending the session…\n');
    stop.abort();
  });
  await runLiveSimulation(args, args.target, io, stop.signal);
  return 0;
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    process.stderr.write(`simulate: ${error instanceof Error ? error.message : String(error)}\n`);
    process.exitCode = 1;
  },
);
