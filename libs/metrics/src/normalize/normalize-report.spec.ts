import { from, lastValueFrom, toArray } from 'rxjs';
import type { NormalizedInterval, TrackInterval } from './normalized-interval';
import { INITIAL_NORMALIZER_STATE, normalizeReport, type NormalizerState } from './normalize-report';
import { normalizeStats } from './normalize-stats.operator';
import type { StatsReport } from './rtc-stats';
import {
  candidatePair,
  inboundRtp,
  outboundRtp,
  remoteInboundRtp,
  report,
  stats,
  transport,
} from './testing/stats-builders';

function normalizeAll(reports: readonly StatsReport[]): (NormalizedInterval | null)[] {
  let state: NormalizerState = INITIAL_NORMALIZER_STATE;
  return reports.map((next) => {
    const step = normalizeReport(state, next);
    state = step.state;
    return step.interval;
  });
}

function track(interval: NormalizedInterval | null, statsId: string): TrackInterval | undefined {
  return interval?.tracks.find((candidate) => candidate.statsId === statsId);
}

describe(normalizeReport.name, () => {
  it('takes the first report as a baseline and gives deltas from the second on', () => {
    const [first, second] = normalizeAll([
      report(1_000, [inboundRtp('IA', { kind: 'audio', packetsReceived: 100, packetsLost: 2, jitter: 0.01 })]),
      report(3_000, [inboundRtp('IA', { kind: 'audio', packetsReceived: 190, packetsLost: 5, jitter: 0.02 })]),
    ]);
    expect(first).toMatchObject({ timestamp: 1_000, intervalSeconds: 0, peerConnectionId: 'default' });
    expect(track(first, 'IA')).toMatchObject({ baselineReason: 'first-seen', deltas: {}, gauges: { jitter: 0.01 } });
    expect(second?.intervalSeconds).toBe(2);
    expect(track(second, 'IA')).toEqual({
      direction: 'inbound',
      kind: 'audio',
      statsId: 'IA',
      ssrc: undefined,
      baselineReason: undefined,
      deltas: { packetsReceived: 90, packetsLost: 3 },
      gauges: { jitter: 0.02, framesPerSecond: undefined },
    });
  });

  it('starts a new baseline when a counter goes backwards, never a negative delta', () => {
    const intervals = normalizeAll([
      report(1_000, [inboundRtp('IA', { kind: 'audio', packetsReceived: 5_000, bytesReceived: 400_000 })]),
      report(2_000, [inboundRtp('IA', { kind: 'audio', packetsReceived: 40, bytesReceived: 3_200 })]),
      report(3_000, [inboundRtp('IA', { kind: 'audio', packetsReceived: 90, bytesReceived: 7_200 })]),
    ]);
    expect(track(intervals[1], 'IA')).toMatchObject({ baselineReason: 'counter-reset', deltas: {} });
    expect(track(intervals[2], 'IA')).toMatchObject({ deltas: { packetsReceived: 50, bytesReceived: 4_000 } });
  });

  it('lets packetsLost fall (late packets, RFC 3550) without resetting the other counters', () => {
    const [, second] = normalizeAll([
      report(1_000, [inboundRtp('IA', { kind: 'audio', packetsReceived: 100, packetsLost: 10 })]),
      report(2_000, [inboundRtp('IA', { kind: 'audio', packetsReceived: 151, packetsLost: 9 })]),
    ]);
    expect(track(second, 'IA')).toMatchObject({ deltas: { packetsReceived: 51, packetsLost: 0 } });
    expect(track(second, 'IA')?.baselineReason).toBeUndefined();
  });

  it('treats an id reused by another stats type as a reset', () => {
    const [, second] = normalizeAll([
      report(1_000, [inboundRtp('X', { kind: 'audio', packetsReceived: 1 })]),
      report(2_000, [outboundRtp('X', { kind: 'audio', packetsSent: 10 })]),
    ]);
    expect(track(second, 'X')).toMatchObject({ direction: 'outbound', baselineReason: 'counter-reset' });
  });

  it('forgets objects that disappear, so one that comes back starts over', () => {
    const intervals = normalizeAll([
      report(1_000, [inboundRtp('IA', { kind: 'audio', packetsReceived: 10 })]),
      report(2_000, []),
      report(3_000, [inboundRtp('IA', { kind: 'audio', packetsReceived: 500 })]),
    ]);
    expect(track(intervals[2], 'IA')).toMatchObject({ baselineReason: 'first-seen', deltas: {} });
  });

  it('ignores duplicate and out-of-order reports of a peer connection', () => {
    let state = INITIAL_NORMALIZER_STATE;
    state = normalizeReport(state, report(2_000, [inboundRtp('IA', { kind: 'audio', packetsReceived: 10 })])).state;
    for (const timestamp of [2_000, 1_500, Number.NaN]) {
      const step = normalizeReport(state, report(timestamp, [inboundRtp('IA', { kind: 'audio', packetsReceived: 1 })]));
      expect(step).toEqual({ state, interval: null });
    }
  });

  it('keeps peer connections apart and forgets idle ones', () => {
    let state = INITIAL_NORMALIZER_STATE;
    const step = (timestamp: number, pc: string, received: number) => {
      const next = normalizeReport(
        state,
        report(timestamp, [inboundRtp('IA', { kind: 'audio', packetsReceived: received })], pc),
      );
      state = next.state;
      return next.interval;
    };
    step(1_000, 'PC_0', 10);
    step(1_500, 'PC_1', 1_000);
    expect(track(step(2_000, 'PC_0', 30), 'IA')?.deltas).toEqual({ packetsReceived: 20 });
    expect(track(step(2_500, 'PC_1', 1_050), 'IA')?.deltas).toEqual({ packetsReceived: 50 });
    step(63_000, 'PC_0', 40);
    expect(Object.keys(state.peerConnections)).toEqual(['PC_0']);
  });

  it('tells tracks apart by kind and direction and ties remote-inbound to its outbound stream', () => {
    const objects = (second: number) => [
      inboundRtp('IA', { kind: 'audio', packetsReceived: 50 * second }),
      inboundRtp('IV', { mediaType: 'video', packetsReceived: 100 * second }),
      outboundRtp('OA', { kind: 'audio', ssrc: 11, packetsSent: 50 * second }),
      outboundRtp('OV', { kind: 'video', ssrc: 12, packetsSent: 90 * second, remoteId: 'RV' }),
      outboundRtp('OS', { kind: 'video', ssrc: 13, packetsSent: 10 * second }),
      remoteInboundRtp('RA', { kind: 'audio', ssrc: 11, localId: 'OA', packetsLost: second, roundTripTime: 0.05 }),
      remoteInboundRtp('RV', { kind: 'video', ssrc: 12, packetsLost: 0 }),
      remoteInboundRtp('RS', { kind: 'video', ssrc: 13, packetsLost: 0, packetsReceived: 10 * second }),
    ];
    const [, interval] = normalizeAll([report(1_000, objects(1)), report(2_000, objects(2))]);
    const directions = interval?.tracks.map((t) => `${t.statsId}:${t.direction}/${t.kind}`);
    expect(directions).toEqual([
      'IA:inbound/audio',
      'IV:inbound/video',
      'OA:outbound/audio',
      'OV:outbound/video',
      'OS:outbound/video',
      'RA:remote-inbound/audio',
      'RV:remote-inbound/video',
      'RS:remote-inbound/video',
    ]);
    expect(track(interval, 'RA')).toMatchObject({
      localStatsId: 'OA',
      localPacketsSent: 50,
      deltas: { packetsLost: 1 },
    });
    expect(track(interval, 'RV')).toMatchObject({ localStatsId: 'OV', localPacketsSent: 90 });
    expect(track(interval, 'RS')).toMatchObject({ localStatsId: 'OS', localPacketsSent: 10 });
  });

  it('reads fields defensively: wrong types, NaN, unknown kinds and malformed objects are skipped', () => {
    const objects = (received: unknown) => [
      inboundRtp('IA', { kind: 'audio', packetsReceived: received, packetsLost: 'many', jitter: Number.NaN }),
      inboundRtp('IX', { kind: 'screen', packetsReceived: 5 }),
      { id: 42, type: 'inbound-rtp' } as unknown as ReturnType<typeof stats>,
      outboundRtp('OV', { kind: 'video', qualityLimitationDurations: { none: 1, cpu: 'x', bandwidth: 2, future: 3 } }),
    ];
    const [first, second] = normalizeAll([report(1_000, objects(10)), report(2_000, objects('20'))]);
    expect(first?.tracks.map((t) => t.statsId)).toEqual(['IA', 'OV']);
    expect(track(first, 'IA')).toMatchObject({ gauges: { jitter: undefined } });
    expect(track(second, 'IA')?.deltas).toEqual({});
    expect(track(second, 'OV')?.deltas).toEqual({
      'qualityLimitationDurations.none': 0,
      'qualityLimitationDurations.bandwidth': 0,
      'qualityLimitationDurations.other': 0,
    });
  });

  it('works out the kind from the codec or the local stream when `kind` is empty (Safari remote-inbound-rtp)', () => {
    const [interval] = normalizeAll([
      report(1_000, [
        outboundRtp('OA', { kind: 'audio', ssrc: 1 }),
        stats('C1', 'codec', { mimeType: 'video/VP8' }),
        remoteInboundRtp('RA', { kind: '', mediaType: '', localId: 'OA', roundTripTime: 0.05 }),
        remoteInboundRtp('RV', { kind: '', codecId: 'C1', roundTripTime: 0.05 }),
      ]),
    ]);
    expect(track(interval, 'RA')?.kind).toBe('audio');
    expect(track(interval, 'RV')?.kind).toBe('video');
  });

  it('reads receive counters from the legacy track object when the RTP stream lacks them (Safari, old Chrome)', () => {
    const objects = (second: number) => [
      inboundRtp('IA', { kind: 'audio', trackId: 'T1', packetsReceived: 50 * second }),
      stats('T1', 'track', { concealedSamples: 100 * second, totalSamplesReceived: 48_000 * second, freezeCount: 7 }),
    ];
    const [, second] = normalizeAll([report(1_000, objects(1)), report(2_000, objects(2))]);
    expect(track(second, 'IA')?.deltas).toEqual({
      packetsReceived: 50,
      concealedSamples: 100,
      totalSamplesReceived: 48_000,
      freezeCount: 0,
    });
  });

  describe('selected candidate pair', () => {
    const pair = (id: string, bytes: number, fields: Record<string, unknown> = {}) =>
      candidatePair(id, { bytesSent: bytes, bytesReceived: bytes, currentRoundTripTime: 0.02, ...fields });

    it('follows transport.selectedCandidatePairId and flags a switch', () => {
      const intervals = normalizeAll([
        report(1_000, [transport('T', 'A'), pair('A', 100), pair('B', 0)]),
        report(2_000, [transport('T', 'A'), pair('A', 300), pair('B', 10)]),
        report(3_000, [transport('T', 'B'), pair('A', 300), pair('B', 60)]),
      ]);
      expect(intervals[1]?.candidatePair).toMatchObject({ statsId: 'A', changed: false, deltas: { bytesSent: 200 } });
      expect(intervals[2]?.candidatePair).toMatchObject({ statsId: 'B', changed: true, deltas: { bytesSent: 50 } });
    });

    it('falls back to the `selected` flag (Firefox), then to the busiest nominated, succeeded pair', () => {
      const [firefox] = normalizeAll([report(1_000, [pair('A', 1), pair('B', 2, { selected: true })])]);
      expect(firefox?.candidatePair?.statsId).toBe('B');
      const [nominated] = normalizeAll([
        report(1_000, [
          pair('A', 500, { nominated: true, state: 'in-progress' }),
          pair('B', 100, { nominated: true, state: 'succeeded' }),
          pair('C', 300, { nominated: true, state: 'succeeded' }),
        ]),
      ]);
      expect(nominated?.candidatePair?.statsId).toBe('C');
    });

    it('reports the candidate types, so relayed (TURN) media can be told apart', () => {
      const [interval] = normalizeAll([
        report(1_000, [
          transport('T', 'A'),
          pair('A', 1, { localCandidateId: 'L', remoteCandidateId: 'R' }),
          stats('L', 'local-candidate', { candidateType: 'relay' }),
          stats('R', 'remote-candidate', { candidateType: 'srflx' }),
        ]),
      ]);
      expect(interval?.candidatePair).toMatchObject({ localCandidateType: 'relay', remoteCandidateType: 'srflx' });
    });
  });
});

describe(normalizeStats.name, () => {
  it('emits one interval per usable report and skips out-of-order ones', async () => {
    const reports = [
      report(1_000, [inboundRtp('IA', { kind: 'audio', packetsReceived: 10 })]),
      report(500, [inboundRtp('IA', { kind: 'audio', packetsReceived: 5 })]),
      report(2_000, [inboundRtp('IA', { kind: 'audio', packetsReceived: 60 })]),
    ];
    const intervals = await lastValueFrom(from(reports).pipe(normalizeStats(), toArray()));
    expect(intervals.map((interval) => interval.timestamp)).toEqual([1_000, 2_000]);
    expect(track(intervals[1], 'IA')?.deltas).toEqual({ packetsReceived: 50 });
  });
});
