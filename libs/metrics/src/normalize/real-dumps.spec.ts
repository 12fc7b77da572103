import type { NormalizedInterval } from './normalized-interval';
import { INITIAL_NORMALIZER_STATE, normalizeReport } from './normalize-report';
import { readRtcstatsDump } from './testing/rtcstats-dump';

/** Normalises every report of a dump (all peer connections of the participant, in file order). */
function normalizeDump(name: string): NormalizedInterval[] {
  let state = INITIAL_NORMALIZER_STATE;
  const intervals: NormalizedInterval[] = [];
  for (const report of readRtcstatsDump(name).reports) {
    const step = normalizeReport(state, report);
    state = step.state;
    if (step.interval) intervals.push(step.interval);
  }
  return intervals;
}

function badDeltas(intervals: readonly NormalizedInterval[]): string[] {
  const problems: string[] = [];
  for (const interval of intervals) {
    if (!(interval.intervalSeconds >= 0))
      problems.push(`${interval.timestamp}: interval ${interval.intervalSeconds} s`);
    const deltaSets = [
      ...interval.tracks.map((track) => [track.statsId, track.deltas] as const),
      ...(interval.candidatePair ? [[interval.candidatePair.statsId, interval.candidatePair.deltas] as const] : []),
    ];
    for (const [statsId, deltas] of deltaSets) {
      for (const [counter, delta] of Object.entries(deltas)) {
        if (!(typeof delta === 'number' && Number.isFinite(delta) && delta >= 0)) {
          problems.push(`${interval.timestamp} ${statsId}.${counter} = ${String(delta)}`);
        }
      }
    }
  }
  return problems;
}

describe('normalisation of real rtcstats dumps', () => {
  it.each([
    'google-standard-stats-p2p',
    'google-standard-stats-sfu',
    'chrome-standard-multiple-p2p',
    'chrome-relay',
    '59c86272-03ea-42e9-a62d-1c8a272e8ab0',
    'firefox-standard-stats-sfu',
    'safari-standard-stats',
  ])('%s: one interval per report, never a negative or non-finite delta', (name) => {
    const intervals = normalizeDump(name);
    expect(intervals).toHaveLength(readRtcstatsDump(name).reports.length);
    expect(badDeltas(intervals)).toEqual([]);
    const packetsSeen = intervals.flatMap((interval) =>
      interval.tracks.map((track) => (track.direction === 'inbound' ? (track.deltas.packetsReceived ?? 0) : 0)),
    );
    expect(packetsSeen.reduce((sum, packets) => sum + packets, 0)).toBeGreaterThan(1000);
  });

  it('survives a counter reset spliced into a real dump (an object recreated under the same id)', () => {
    const reports = readRtcstatsDump('google-standard-stats-p2p').reports;
    const target = 'RTCInboundRTPVideoStream_1052990334'; // starts receiving late in the call
    let resetAt: Record<string, unknown> | undefined;
    const spliced = reports.map((report, index) => {
      if (index < reports.length / 2) return report;
      const stats = report.stats.map((object) => {
        if (object.id !== target) return object;
        // From the first report in the second half where the stream has received a fair amount.
        if (!resetAt && typeof object.packetsReceived === 'number' && object.packetsReceived > 100)
          resetAt = { ...object };
        if (!resetAt) return object;
        const restarted: Record<string, unknown> = { ...object };
        for (const [field, value] of Object.entries(object)) {
          const start = resetAt[field];
          if (typeof value === 'number' && typeof start === 'number' && field !== 'timestamp' && field !== 'ssrc') {
            restarted[field] = Math.max(0, value - start);
          }
        }
        return { ...object, ...restarted };
      });
      return { ...report, stats };
    });
    let state = INITIAL_NORMALIZER_STATE;
    const intervals: NormalizedInterval[] = [];
    for (const report of spliced) {
      const step = normalizeReport(state, report);
      state = step.state;
      if (step.interval) intervals.push(step.interval);
    }
    expect(badDeltas(intervals)).toEqual([]);
    const resets = intervals.flatMap((i) => i.tracks).filter((t) => t.baselineReason === 'counter-reset');
    expect(resetAt).toBeDefined();
    expect(resets.map((t) => t.statsId)).toEqual([target]);
  });

  it('follows the selected candidate pair through a whole Chrome call and sees both media directions', () => {
    const intervals = normalizeDump('google-standard-stats-sfu');
    const withPair = intervals.filter((interval) => interval.candidatePair?.gauges.currentRoundTripTime !== undefined);
    expect(withPair.length).toBeGreaterThan(intervals.length - 2);
    const directions = new Set(intervals.flatMap((interval) => interval.tracks.map((t) => `${t.direction}/${t.kind}`)));
    expect([...directions].sort()).toEqual([
      'inbound/audio',
      'inbound/video',
      'outbound/audio',
      'outbound/video',
      'remote-inbound/audio',
      'remote-inbound/video',
    ]);
    const matched = intervals
      .flatMap((i) => i.tracks)
      .filter((t) => t.direction === 'remote-inbound' && t.localStatsId);
    expect(matched.length).toBeGreaterThan(0);
  });

  it('a legacy-only (goog*) Chrome dump yields intervals without tracks rather than wrong numbers', () => {
    const intervals = normalizeDump('chrome96-standard-stats-p2p-add-transceiver');
    expect(intervals.length).toBeGreaterThan(0);
    expect(intervals.every((interval) => interval.tracks.length === 0)).toBe(true);
  });
});
