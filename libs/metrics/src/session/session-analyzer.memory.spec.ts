import { SessionAnalyzer } from './session-analyzer';
import type { SessionInput } from './session-analyzer.contract';
import { SimulatedDevice, speechIn, t } from './testing/simulated-device';

const MINUTE = 60;

/** One second of a long session: three members in every state the analyzer keeps something for. */
function inputsAt(second: number, devices: { a: SimulatedDevice; b: SimulatedDevice; c: SimulatedDevice }) {
  const { a, b, c } = devices;
  const inputs: SessionInput[] = [];
  if (second === 0) inputs.push(a.join(0), b.join(0), c.join(0));
  // A: device utterances of 3 s every 30 s; tab hidden 1 minute of every 10.
  inputs.push(a.stats(second, { lossPct: second % 7 === 0 ? 5 : 0 }));
  if (second % 30 === 0) inputs.push(...a.utterances(second - 4, second - 1));
  if (second % (10 * MINUTE) === 60) inputs.push(a.clientEvent(second, 'visibility', 'hidden'));
  if (second % (10 * MINUTE) === 120) inputs.push(a.clientEvent(second, 'visibility', 'visible'));
  // B: energy only, speaking 10 s of every 45.
  const phase = second % 45;
  inputs.push(b.stats(second, { speechFraction: speechIn(phase, [[5, 15]]) }));
  // C: a 40 s outage every 20 minutes, and a mute now and then.
  if (second % (20 * MINUTE) >= 40) inputs.push(c.stats(second));
  if (second % (5 * MINUTE) === 200) inputs.push(c.clientEvent(second, 'mic', 'off'));
  if (second % (5 * MINUTE) === 230) inputs.push(c.clientEvent(second, 'mic', 'on'));
  return inputs;
}

describe(`${SessionAnalyzer.name}: bounded memory`, () => {
  it('a 90-minute session keeps every internal structure at the same size (minutes 10, 30, 50, 70)', () => {
    const sut = new SessionAnalyzer({ sessionId: 'long' });
    const devices = { a: new SimulatedDevice('a'), b: new SimulatedDevice('b'), c: new SimulatedDevice('c') };
    const footprints = new Map<number, ReturnType<SessionAnalyzer['footprint']>>();
    let windows = 0;
    for (let second = 0; second <= 90 * MINUTE; second++) {
      for (const input of inputsAt(second, devices)) sut.push(input);
      windows += sut.advanceTo(t(second)).windows.length;
      if (second % (20 * MINUTE) === 10 * MINUTE) footprints.set(second / MINUTE, sut.footprint());
    }
    const { report } = sut.finish(t(90 * MINUTE));

    const reference = footprints.get(10);
    for (const minute of [30, 50, 70]) expect(footprints.get(minute)).toEqual(reference);
    // What the buffer holds is what arrives within the 5 s lateness (3 members, 1 report/s each).
    expect(reference?.session.buffered).toBeLessThanOrEqual(3 * 6 + 2);
    expect(reference?.participants.a).toEqual({
      normalizerPeerConnections: 1,
      openWindows: 1,
      closedWindowsWaiting: expect.any(Number),
      peerConnectionFigures: 1,
      linkConditions: 0,
      microphonePeerConnections: 1,
      // Digests of applied reports, kept to hold the next ones: no more than are held at once.
      digestsForReuse: expect.any(Number),
    });
    for (const participant of Object.values(reference?.participants ?? {})) {
      expect(participant.closedWindowsWaiting).toBeLessThanOrEqual(2);
      expect(participant.digestsForReuse).toBeLessThanOrEqual(6 + 1);
    }
    // And the session really ran: 540 boundaries × (3 participants + the session).
    expect(windows).toBeGreaterThan(535 * 4);
    const c = report.participants.find(({ id }) => id === 'c');
    // Outages at minutes 20, 40, 60, 80 (the one at 0 precedes C's first report: no connectivity yet).
    expect(c?.connectivity.drops).toBe(4);
    expect(report.participants.find(({ id }) => id === 'a')?.distraction.hiddenSeconds).toBe(9 * MINUTE);
  });
});
