import { SessionAnalyzer } from '@attune/metrics';
import { ChromeDevice } from '../apps/simulator/src/output/stats/chrome-device';
const devices = Array.from({ length: 10 }, (_, index) => new ChromeDevice(`m${index}`, index));
const start = Date.UTC(2026, 0, 1);
const analyzer = new SessionAnalyzer({ sessionId: 's', latenessMs: 5000, windowSeconds: 10 });
let snap: unknown;
for (let second = 1; second <= 1200; second++) {
  const now = start + second * 1000;
  for (const d of devices) for (const i of d.second(now)) analyzer.push(i);
  analyzer.advanceTo(now);
  snap = analyzer.snapshot(now);
}
const s = snap as any;
for (const k of Object.keys(s)) console.log(k, JSON.stringify(s[k]).length);
console.log(JSON.stringify(s.participants[0]).length, JSON.stringify(s.participants[0]).slice(0, 1500));
for (const k of Object.keys(s.speaking)) console.log('speaking.' + k, JSON.stringify(s.speaking[k]).length);
console.log(JSON.stringify(s.speaking.turnTaking).slice(0, 800));
