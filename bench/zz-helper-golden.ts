// Temporary helper (deleted before the report): hashes everything the analyzer outputs for
// perturbed sessions, to compare before/after a refactor.
import { createHash } from 'node:crypto';
import { SessionAnalyzer, type SessionInput } from '@attune/metrics';
import { ChromeDevice } from '../apps/simulator/src/output/stats/chrome-device';

function rng(seed: number) {
  return () => {
    seed = (seed * 1664525 + 1013904223) >>> 0;
    return seed / 2 ** 32;
  };
}

function run(seed: number, members: number, seconds: number): string {
  const random = rng(seed);
  const hash = createHash('sha256');
  const devices = Array.from({ length: members }, (_, i) => new ChromeDevice(`p${i}`, i + seed));
  const analyzer = new SessionAnalyzer({ sessionId: `g${seed}`, latenessMs: 5000, windowSeconds: 10 });
  const start = Date.UTC(2026, 0, 1);
  const pending: Array<{ arriveAt: number; input: SessionInput }> = [];
  for (let second = 1; second <= seconds; second++) {
    const now = start + second * 1000;
    for (const device of devices) {
      for (const input of device.second(now)) {
        const r = random();
        if (r < 0.01) continue; // lost
        let delay = r < 0.2 ? random() * 4000 : r < 0.23 ? 5000 + random() * 8000 : 0;
        if (input.message.kind === 'stats' && random() < 0.05) {
          // second peer connection, jittered timestamp, a missing field now and then
          const stats = input.message.stats.map((s) => ({ ...s }));
          if (random() < 0.5) delete (stats[2] as Record<string, unknown>).packetsLost;
          if (random() < 0.3) (stats[3] as Record<string, unknown>).packetsReceived = 1;
          pending.push({ arriveAt: now + delay, input: { ...input, message: { ...input.message, peerConnectionId: 'pc-2', timestamp: input.message.timestamp - 300, stats } } });
        }
        if (input.message.kind === 'stats' && random() < 0.02) pending.push({ arriveAt: now + delay + 100, input }); // duplicate
        pending.push({ arriveAt: now + delay, input });
      }
    }
    pending.sort((a, b) => a.arriveAt - b.arriveAt);
    while (pending.length && pending[0].arriveAt <= now) analyzer.push(pending.shift()!.input);
    hash.update(JSON.stringify(analyzer.advanceTo(now)));
    hash.update(JSON.stringify(analyzer.snapshot(now)));
  }
  for (const p of pending) analyzer.push(p.input);
  hash.update(JSON.stringify(analyzer.finish(start + (seconds + 20) * 1000)));
  hash.update(JSON.stringify(analyzer.footprint()));
  return hash.digest('hex').slice(0, 16);
}

console.log([run(1, 12, 1800), run(2, 5, 900), run(3, 3, 2400)].join(' '));
