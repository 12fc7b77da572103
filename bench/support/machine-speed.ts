import { cpus } from 'node:os';
import { EXAMPLE_STATS_MESSAGE } from '../../libs/protocol/src/examples';

/**
 * How fast this machine runs JavaScript right now, measured by a fixed piece of work: parsing
 * the example stats report (5.2 KB of JSON, 12 stats objects), the first thing ingest does with
 * every envelope. The same kind of virtual machine has run everything at about half the speed of
 * another day, so a benchmark's figures are comparable across runs only next to this line.
 */
export function machineSpeedLine(): string {
  const json = JSON.stringify(EXAMPLE_STATS_MESSAGE);
  const rounds = 5;
  const parsesPerRound = 4000;
  const perParseMicros: number[] = [];
  for (let round = 0; round < rounds; round++) {
    const started = performance.now();
    for (let index = 0; index < parsesPerRound; index++) JSON.parse(json);
    perParseMicros.push(((performance.now() - started) * 1000) / parsesPerRound);
  }
  // The fastest round: the first ones include compiling, and others may share the core.
  const fastest = Math.min(...perParseMicros);
  return (
    `node ${process.version}, ${cpus().length} cores (${cpus()[0]?.model ?? '?'}); ` +
    `machine speed: JSON.parse of a ${(json.length / 1024).toFixed(1)} KB report ${fastest.toFixed(1)} µs`
  );
}
