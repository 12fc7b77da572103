// Throughput of the ingest hot path: checkEnvelope on a typical stats envelope (one Chrome
// getStats() report of 12 objects), on one core. Prints figures; asserts nothing.
// Rates are per CPU-second of this process, so a busy machine slows the run, not the figure.
import { checkEnvelope } from '../libs/protocol/src';
import { EXAMPLE_ENVELOPE, EXAMPLE_STATS_ENVELOPE } from '../libs/protocol/src/examples';

interface Scenario {
  name: string;
  envelope: unknown;
}

const invalidStatsEnvelope = {
  ...EXAMPLE_STATS_ENVELOPE,
  messages: EXAMPLE_STATS_ENVELOPE.messages.map((message) =>
    message.kind === 'stats'
      ? {
          ...message,
          stats: message.stats.map((stats, index) => (index === 6 ? { ...stats, packetsLost: '3' } : stats)),
        }
      : message,
  ),
};

const scenarios: Scenario[] = [
  { name: 'typical stats envelope (12 stats objects, valid)', envelope: EXAMPLE_STATS_ENVELOPE },
  { name: 'event envelope (join, utterance, 2 client events)', envelope: EXAMPLE_ENVELOPE },
  { name: 'stats envelope with one bad field (slow path)', envelope: invalidStatsEnvelope },
];

function cpuSeconds(): number {
  const { user, system } = process.cpuUsage();
  return (user + system) / 1e6;
}

/** Envelopes are parsed copies, as ingest sees them, not one object the engine could specialise on. */
function measure(scenario: Scenario, seconds: number): { perCpuSecond: number; checked: number } {
  const copies = Array.from({ length: 64 }, () => JSON.parse(JSON.stringify(scenario.envelope)) as unknown);
  let checked = 0;
  let accepted = 0;
  const started = cpuSeconds();
  let used = 0;
  while (used < seconds) {
    for (let round = 0; round < 1000; round++) {
      accepted += checkEnvelope(copies[round % copies.length]).accepted.length;
      checked++;
    }
    used = cpuSeconds() - started;
  }
  if (accepted < 0) console.log(accepted); // keeps the result observable
  return { perCpuSecond: checked / used, checked };
}

for (const scenario of scenarios) measure(scenario, 0.5); // warm-up: lets the JIT settle

console.log(`protocol-validate (node ${process.version})`);
for (const scenario of scenarios) {
  const { perCpuSecond, checked } = measure(scenario, 2);
  const microseconds = 1e6 / perCpuSecond;
  console.log(
    `  ${scenario.name.padEnd(52)} ${Math.round(perCpuSecond).toLocaleString('en-US').padStart(10)} envelopes/CPU-s` +
      `  (${microseconds.toFixed(2)} µs each, ${checked.toLocaleString('en-US')} checked)`,
  );
}
