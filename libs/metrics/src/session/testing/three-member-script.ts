import type { SessionInput } from '../session-analyzer.contract';
import { SimulatedDevice, speechIn } from './simulated-device';

/**
 * A scripted 6-minute session (times in seconds from T0), three members and a facilitator:
 *
 * - facilitator F: device utterances 0–10 and 22–26; sends no stats (a console without media).
 * - A (member, device utterances): speaks 11–21 and 90–93; 10 % packet loss 100–130 (degraded);
 *   tab hidden 200–260; leaves at 300.
 * - B (member, energy only, no utterances): speaks 40–55 and 150–170, seen only in its
 *   media-source energy.
 * - C (member, device utterances): speaks 56–66 and 94–99; no reports 120–150 (an outage:
 *   reconnecting at 125, disconnected at 135, back at 150, connected at 160); mic muted 180–200.
 *
 * Expected turn-taking: F→A, A→F, B→C, A→C.
 */
export const IDS = {
  facilitator: 'f0000000-0000-4000-8000-00000000000f',
  a: 'a0000000-0000-4000-8000-00000000000a',
  b: 'b0000000-0000-4000-8000-00000000000b',
  c: 'c0000000-0000-4000-8000-00000000000c',
} as const;

export const SCRIPT_END_SECONDS = 360;

export function threeMemberScript(): SessionInput[] {
  const f = new SimulatedDevice(IDS.facilitator, 'facilitator');
  const a = new SimulatedDevice(IDS.a);
  const b = new SimulatedDevice(IDS.b);
  const c = new SimulatedDevice(IDS.c);
  const inputs: SessionInput[] = [f.join(0), a.join(0), b.join(2), c.join(5)];

  inputs.push(...f.utterances(0, 10), ...f.utterances(22, 26));
  inputs.push(f.facilitatorEvent(230, 'distracted', IDS.a), f.facilitatorEvent(240, 'technical-issue'));

  for (let second = 1; second <= 300; second++) {
    inputs.push(a.stats(second, { lossPct: second > 100 && second <= 130 ? 10 : 0 }));
  }
  inputs.push(...a.utterances(11, 21), ...a.utterances(90, 93));
  inputs.push(a.clientEvent(200, 'visibility', 'hidden'), a.clientEvent(260, 'visibility', 'visible'));
  inputs.push(a.leave(300));

  const bSpeech = [
    [40, 55],
    [150, 170],
  ] as const;
  for (let second = 3; second <= SCRIPT_END_SECONDS; second++) {
    inputs.push(b.stats(second, { speechFraction: speechIn(second, bSpeech) }));
  }

  for (let second = 6; second <= SCRIPT_END_SECONDS; second++) {
    if (second > 120 && second < 150) continue;
    inputs.push(c.stats(second));
  }
  inputs.push(...c.utterances(56, 66), ...c.utterances(94, 99));
  inputs.push(c.clientEvent(180, 'mic', 'off'), c.clientEvent(200, 'mic', 'on'));
  return inputs;
}
