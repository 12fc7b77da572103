import { SessionAnalyzer } from '@attune/metrics';
import { LiveSession } from '../apps/api/src/pipeline/live-session';
import { ChromeDevice } from '../apps/simulator/src/output/stats/chrome-device';
const gc = global.gc as () => void;
function runSession(id: string, minutes: number) {
  const devices = Array.from({ length: 12 }, (_, index) => new ChromeDevice(`m${index}`, index));
  const start = Date.UTC(2026, 0, 1);
  const analyzer = new SessionAnalyzer({ sessionId: id, latenessMs: 5000, windowSeconds: 10 });
  const session = new LiveSession(id, analyzer, () => undefined);
  let seq = 0;
  for (let second = 1; second <= minutes * 60; second++) {
    const now = start + second * 1000;
    for (const device of devices) session.apply({ kind: 'messages', sessionId: id, participantId: device.id, seq: seq++, inputs: device.second(now) }, now);
    session.tick(now);
  }
  return session;
}
const kept: unknown[] = [];
const heap = () => { gc(); gc(); return process.memoryUsage().heapUsed; };
let last = heap();
const out: string[] = [];
for (let i = 0; i < 5; i++) {
  kept.push(runSession(`s${i}`, Number(process.env.MIN ?? 90)));
  const now = heap();
  out.push(((now - last) / 12 / 1024).toFixed(1));
  last = now;
}
console.log(out.join(' '), kept.length);
