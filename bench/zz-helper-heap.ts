// Temporary helper: heap by constructor for one 12-member session after N minutes, minus before.
import { writeHeapSnapshot } from 'node:v8';
import { readFileSync } from 'node:fs';
import { SessionAnalyzer } from '@attune/metrics';
import { LiveSession } from '../apps/api/src/pipeline/live-session';
import { ChromeDevice } from '../apps/simulator/src/output/stats/chrome-device';

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
function byName(file: string): Map<string, [number, number]> {
  const snap = JSON.parse(readFileSync(file, 'utf8'));
  const f = snap.snapshot.meta.node_fields as string[];
  const types = snap.snapshot.meta.node_types[0] as string[];
  const n = f.length, nodes = snap.nodes as number[], strings = snap.strings as string[];
  const out = new Map<string, [number, number]>();
  for (let i = 0; i < nodes.length; i += n) {
    const type = types[nodes[i]];
    const key = `${type}:${type === 'object' || type === 'closure' ? strings[nodes[i + 1]] : ''}`;
    const e = out.get(key) ?? [0, 0];
    e[0] += nodes[i + 3]; e[1] += 1;
    out.set(key, e);
  }
  return out;
}
runSession('warm', 10);
const a = byName(writeHeapSnapshot('/tmp/prof/h-before.heapsnapshot'));
const s = runSession('measured', Number(process.env.MIN ?? 30));
const b = byName(writeHeapSnapshot('/tmp/prof/h-after.heapsnapshot'));
const diff = [...b].map(([k, [size, count]]) => [k, size - (a.get(k)?.[0] ?? 0), count - (a.get(k)?.[1] ?? 0)] as const).sort((x, y) => y[1] - x[1]);
let total = 0; for (const d of diff) total += d[1];
console.log('total KB', Math.round(total / 1024), 'per participant', Math.round(total / 1024 / 12));
for (const [k, size, count] of diff.slice(0, 30)) console.log(String(Math.round(size / 1024)).padStart(6), 'KB', String(count).padStart(7), k);
console.log(s.sessionId);
