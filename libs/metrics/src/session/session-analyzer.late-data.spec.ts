import type { DistractionEpisode } from '../distraction';
import { SessionAnalyzer } from './session-analyzer';
import type { ParticipantReport, SessionInput } from './session-analyzer.contract';
import { SimulatedDevice, t } from './testing/simulated-device';

/** Feeds `arrivals` ([processing second, input]) and advances to each second as it passes. */
function runArrivals(arrivals: Array<readonly [number, SessionInput]>, endSecond: number) {
  const sut = new SessionAnalyzer({ sessionId: 'late' });
  const ordered = [...arrivals].sort(([a], [b]) => a - b);
  const episodes: DistractionEpisode[] = [];
  let index = 0;
  for (let second = 0; second <= endSecond; second++) {
    while (index < ordered.length && ordered[index][0] <= second) sut.push(ordered[index++][1]);
    episodes.push(...sut.advanceTo(t(second)).episodes);
  }
  const { report, progress } = sut.finish(t(endSecond));
  episodes.push(...progress.episodes);
  return { sut, report, episodes };
}

const member = (report: { participants: ParticipantReport[] }, id = 'm') =>
  report.participants.find((participant) => participant.id === id) as ParticipantReport;

describe(`${SessionAnalyzer.name}: late data`, () => {
  function lossyCall(delayed: ReadonlyMap<number, number> = new Map()) {
    const device = new SimulatedDevice('m');
    const arrivals: Array<readonly [number, SessionInput]> = [[0, device.join(0)]];
    for (let second = 1; second <= 60; second++) {
      arrivals.push([delayed.get(second) ?? second, device.stats(second, { lossPct: second % 3 === 0 ? 10 : 0 })]);
    }
    return runArrivals(arrivals, 60);
  }

  it('reorders one member’s messages that arrive out of order within the source disorder (1 s): nothing is late', () => {
    const { report } = lossyCall(new Map([[10, 11]])); // arrives with the report of 11 s, after it
    expect(report.session.lateMessages).toBe(0);
    expect(member(report).connectivity.peerConnections[0].reports).toBe(60);
  });

  it('waits for a member whose messages all come 3 s behind the others’ (within the 5 s lateness): nothing is late', () => {
    const slow = new SimulatedDevice('slow');
    const quick = new SimulatedDevice('quick');
    // Both joined on time: the watermark waits only for participants it has heard from.
    const arrivals: Array<readonly [number, SessionInput]> = [
      [0, quick.join(0)],
      [0, slow.join(0)],
    ];
    for (let second = 1; second <= 60; second++) {
      arrivals.push([second, quick.stats(second)], [second + 3, slow.stats(second)]);
    }
    arrivals.push(
      [40, slow.clientEvent(37, 'visibility', 'hidden')],
      [50, slow.clientEvent(47, 'visibility', 'visible')],
    );
    const { report, episodes } = runArrivals(arrivals, 65);
    expect(report.session.lateMessages).toBe(0);
    expect(member(report, 'slow').connectivity.peerConnections[0].reports).toBe(60);
    expect(episodes.find((episode) => episode.type === 'tab-hidden')).toMatchObject({ start: t(37), end: t(47) });
  });

  it('the watermark stays 1 s behind everyone’s newest message; one who falls behind holds it at 5 s, one silent for 10 s not at all', () => {
    const sut = new SessionAnalyzer({ sessionId: 'watermark' });
    const a = new SimulatedDevice('a');
    const b = new SimulatedDevice('b');
    const watermarkAt = (second: number) => {
      sut.advanceTo(t(second));
      return (sut.snapshot(t(second)).watermark - t(0)) / 1000;
    };
    sut.push(a.stats(10));
    sut.push(b.stats(8));
    expect(watermarkAt(10)).toBe(7); // b's newest − 1 s
    sut.push(a.stats(16));
    // b is 8 s behind: held at the lateness, as a fixed 5 s did, so what b sends next is not late.
    expect(watermarkAt(16)).toBe(11);
    sut.push(b.stats(12));
    sut.push(a.stats(23));
    // b has sent nothing for more than twice the lateness: only a holds it back, never past event time.
    expect(watermarkAt(23)).toBe(22);
    sut.push(b.stats(14)); // older than the watermark: late
    sut.push(a.stats(25));
    expect(watermarkAt(40)).toBe(35); // nobody heard from within twice the lateness: 5 s
    expect(sut.snapshot(t(40)).lateMessages).toBe(1);
  });

  it('a participant who says goodbye no longer holds the watermark back', () => {
    const sut = new SessionAnalyzer({ sessionId: 'goodbye' });
    const a = new SimulatedDevice('a');
    const b = new SimulatedDevice('b');
    for (let second = 1; second <= 12; second++) sut.push(a.stats(second));
    sut.push(b.stats(9));
    sut.push(b.leave(10));
    sut.advanceTo(t(12));
    expect(sut.snapshot(t(12)).watermark).toBe(t(11));
  });

  it('counts one member’s own message more than 1 s out of order as late (the live pipeline puts envelopes back in order first)', () => {
    const { report } = lossyCall(new Map([[10, 13]]));
    expect(report.session.lateMessages).toBe(1);
    // Counters are cumulative: the report of 11 s covered its span, nothing is lost.
    expect(member(report).connectivity).toMatchObject({ drops: 0, reconnects: 0 });
  });

  it('counts stats later than the lateness, and session totals stay exact: the next report’s cumulative counters cover the gap', () => {
    const onTime = lossyCall();
    const late = lossyCall(
      new Map([
        [10, 20],
        [30, 50],
      ]),
    );
    expect(late.report.session.lateMessages).toBe(2);
    expect(member(late.report).lateMessages).toBe(2);
    expect(member(late.report).lateMessagesIgnored).toBe(0);
    const figures = (report: typeof onTime.report) => {
      const { packetLossPct, peerConnections } = member(report).connectivity;
      return {
        packetLossPct,
        packetsLost: peerConnections[0].packetsLost,
        packetsReceived: peerConnections[0].packetsReceived,
      };
    };
    expect(figures(late.report)).toEqual(figures(onTime.report));
    // The late reports themselves were older than their peer connection's newest: skipped.
    expect(member(late.report).connectivity.peerConnections[0].reports).toBe(58);
    // No outage was invented: the late report shows there was no gap.
    expect(member(late.report).connectivity).toMatchObject({ drops: 0, reconnects: 0 });
  });

  it('applies a late utterance that continues the member’s speech, ignores one that would go back in it (counted)', () => {
    const device = new SimulatedDevice('m');
    const [first] = device.utterances(10, 14);
    const [continuing] = device.utterances(20, 23); // arrives at 40 s: late, but after 14 s
    const [goingBack] = device.utterances(5, 8); // arrives at 41 s: before speech already applied
    const { report } = runArrivals(
      [
        [0, device.join(0)],
        [14, first],
        [40, continuing],
        [41, goingBack],
      ],
      60,
    );
    expect(report.session.lateMessages).toBe(2);
    expect(member(report)).toMatchObject({ lateMessages: 2, lateMessagesIgnored: 1 });
    expect(member(report).speaking).toMatchObject({ seconds: 7, turns: 2 });
  });

  it('applies a late client event at the analyzer’s clock: the state it changes has moved on', () => {
    const device = new SimulatedDevice('m');
    const arrivals: Array<readonly [number, SessionInput]> = [[0, device.join(0)]];
    for (let second = 1; second <= 60; second++) arrivals.push([second, device.stats(second)]);
    arrivals.push([30, device.clientEvent(20, 'visibility', 'hidden')]); // 10 s late
    arrivals.push([45, device.clientEvent(45, 'visibility', 'visible')]);
    const { report, episodes } = runArrivals(arrivals, 60);
    expect(report.session.lateMessages).toBe(1);
    const hidden = episodes.find((episode) => episode.type === 'tab-hidden');
    // It arrived at 30 s, when everything up to 28 s (1 s behind the member's report of 29 s) had
    // been applied: the episode starts at 28 s, not at its own 20 s.
    expect(hidden).toMatchObject({ start: t(28), end: t(45), durationSeconds: 17 });
    expect(member(report).distraction.hiddenSeconds).toBe(17);
  });

  it('a hidden tab relaxes the "no report" timeouts: throttled reports are no outage', () => {
    const device = new SimulatedDevice('m');
    const arrivals: Array<readonly [number, SessionInput]> = [[0, device.join(0)]];
    const reportSeconds = [...Array.from({ length: 30 }, (_, index) => index + 1), 60, 120, 180, 181, 182, 183];
    for (const second of reportSeconds) arrivals.push([second, device.stats(second)]);
    arrivals.push([31, device.clientEvent(31, 'visibility', 'hidden')]);
    arrivals.push([180, device.clientEvent(180, 'visibility', 'visible')]);
    const { report, episodes } = runArrivals(arrivals, 185);
    expect(member(report).connectivity).toMatchObject({ drops: 0, reconnects: 0 });
    expect(member(report).distraction.throttledStatsGaps).toBe(3);
    expect(episodes.filter((episode) => episode.type === 'throttled-stats-gap')).toHaveLength(3);
  });
});
