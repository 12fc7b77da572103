import type { NormalizedInterval } from '../normalize/normalized-interval';
import { intervalHealth, type IntervalHealth } from './interval-health';
import { summarizeTally, type ConnectivityMetrics } from './metrics';
import { estimateMos } from './mos';
import { addIntervalToTally, EMPTY_TALLY, mergeTallies } from './tally';
import { inbound, interval, outbound, remoteInbound, selectedPair } from './testing/intervals';
import { DEFAULT_CONNECTIVITY_THRESHOLDS } from './thresholds';

const summarize = (...intervals: NormalizedInterval[]): ConnectivityMetrics =>
  summarizeTally(intervals.reduce(addIntervalToTally, EMPTY_TALLY));

describe(summarizeTally.name, () => {
  it('says "unknown" (undefined), never zero, for what no interval reported', () => {
    const metrics = summarizeTally(EMPTY_TALLY);
    expect(metrics).toMatchObject({ freezeCount: 0, freezeSeconds: 0 });
    const known = Object.entries(metrics)
      .filter(([, value]) => value !== undefined)
      .map(([key]) => key);
    expect(known.sort()).toEqual(['freezeCount', 'freezeSeconds']);
  });

  type NumericMetric = {
    [K in keyof ConnectivityMetrics]-?: ConnectivityMetrics[K] extends number | undefined ? K : never;
  }[keyof ConnectivityMetrics];

  interface SpanCase {
    readonly name: string;
    readonly intervals: readonly NormalizedInterval[];
    readonly metric: NumericMetric;
    readonly expected: number;
  }

  const audioAndVideo = [
    inbound('audio', { packetsLost: 10, packetsReceived: 90 }),
    inbound('video', { packetsLost: 0, packetsReceived: 900 }),
  ];

  it.each<SpanCase>([
    { name: 'loss: inbound, all media', intervals: [interval(1, audioAndVideo)], metric: 'packetLossPct', expected: 1 },
    {
      name: 'loss: inbound audio only',
      intervals: [interval(1, audioAndVideo)],
      metric: 'audioPacketLossPct',
      expected: 10,
    },
    {
      name: 'loss: Σlost/Σ(lost+received), not a mean of ratios',
      intervals: [
        interval(1, [inbound('audio', { packetsLost: 1, packetsReceived: 9 })]),
        interval(2, [inbound('audio', { packetsLost: 0, packetsReceived: 90 })]),
      ],
      metric: 'packetLossPct',
      expected: 1,
    },
    {
      name: 'loss: outbound from remote-inbound and packets sent',
      intervals: [interval(1, [remoteInbound('audio', { packetsLost: 2 }, {}, 100)])],
      metric: 'outboundPacketLossPct',
      expected: 2,
    },
    {
      name: "loss: outbound with the far end's received count (Firefox)",
      intervals: [interval(1, [remoteInbound('video', { packetsLost: 3, packetsReceived: 97 })])],
      metric: 'outboundPacketLossPct',
      expected: 3,
    },
    {
      name: 'loss: a stream without both counters is left out',
      intervals: [
        interval(1, [inbound('audio', { packetsLost: 50 }), inbound('video', { packetsLost: 1, packetsReceived: 99 })]),
      ],
      metric: 'packetLossPct',
      expected: 1,
    },
  ])('$name', ({ intervals, metric, expected }) => {
    expect(summarize(...intervals)[metric]).toBeCloseTo(expected, 9);
  });

  it('keeps ICE and RTCP RTT apart and prefers RTCP as "the" RTT', () => {
    const both = summarize(
      interval(1, [remoteInbound('audio', {}, { roundTripTime: 0.12 })], { pair: selectedPair(0.05) }),
    );
    expect(both).toMatchObject({ iceRttMs: 50, rtcpRttMs: 120, rttMs: 120, rttSource: 'rtcp' });
    const iceOnly = summarize(interval(1, [], { pair: selectedPair(0.05) }));
    expect(iceOnly).toMatchObject({ iceRttMs: 50, rtcpRttMs: undefined, rttMs: 50, rttSource: 'ice' });
  });

  it('averages RTCP RTT over the measurements taken in the span when the browser counts them', () => {
    const measured = remoteInbound(
      'video',
      { totalRoundTripTime: 0.4, roundTripTimeMeasurements: 4 },
      { roundTripTime: 0.13 },
    );
    const stale = remoteInbound(
      'audio',
      { totalRoundTripTime: 0, roundTripTimeMeasurements: 0 },
      { roundTripTime: 0.9 },
    );
    expect(summarize(interval(1, [measured, stale]))).toMatchObject({ rtcpRttMs: 100, rtcpRttMaxMs: 130 });
  });

  it.each<SpanCase>([
    {
      name: 'jitter in ms from seconds',
      intervals: [interval(1_000, [inbound('audio', { packetsReceived: 50 }, { jitter: 0.012 })])],
      metric: 'jitterMs',
      expected: 12,
    },
    {
      name: 'a stream that moved no packets has no jitter',
      intervals: [
        interval(1_000, [
          inbound('audio', { packetsReceived: 50 }, { jitter: 0.01 }, 'A'),
          inbound('audio', { packetsReceived: 0 }, { jitter: 0.5 }, 'B'),
        ]),
      ],
      metric: 'jitterMs',
      expected: 10,
    },
    {
      name: 'jitter-buffer delay = ΔjitterBufferDelay / ΔjitterBufferEmittedCount',
      intervals: [interval(1_000, [inbound('audio', { jitterBufferDelay: 2_400, jitterBufferEmittedCount: 48_000 })])],
      metric: 'jitterBufferDelayMs',
      expected: 50,
    },
    {
      name: 'concealment = ΔconcealedSamples / ΔtotalSamplesReceived',
      intervals: [interval(1_000, [inbound('audio', { concealedSamples: 480, totalSamplesReceived: 48_000 })])],
      metric: 'concealmentPct',
      expected: 1,
    },
    {
      name: 'bitrate in',
      intervals: [interval(1_000, [inbound('video', { bytesReceived: 125_000 })])],
      metric: 'bitrateInKbps',
      expected: 1000,
    },
    {
      name: 'bitrate out sums simulcast layers',
      intervals: [
        interval(1_000, [
          outbound('video', { bytesSent: 50_000 }, 'L0'),
          outbound('video', { bytesSent: 12_500 }, 'L1'),
        ]),
      ],
      metric: 'bitrateOutKbps',
      expected: 500,
    },
    {
      name: 'fps in',
      intervals: [interval(1_000, [inbound('video', { packetsReceived: 100, framesDecoded: 30 })])],
      metric: 'videoFpsIn',
      expected: 30,
    },
    {
      name: 'fps in: paused streams do not dilute the mean',
      intervals: [
        interval(1_000, [
          inbound('video', { packetsReceived: 100, framesDecoded: 24 }, {}, 'A'),
          inbound('video', { packetsReceived: 0, framesDecoded: 0 }, {}, 'B'),
        ]),
      ],
      metric: 'videoFpsIn',
      expected: 24,
    },
    {
      name: 'fps out',
      intervals: [interval(1_000, [outbound('video', { packetsSent: 90, framesEncoded: 15 })])],
      metric: 'videoFpsOut',
      expected: 15,
    },
    {
      name: 'Δfreezes',
      intervals: [interval(1_000, [inbound('video', { freezeCount: 2, totalFreezesDuration: 1.5 })])],
      metric: 'freezeCount',
      expected: 2,
    },
    {
      name: 'Δfreeze duration',
      intervals: [interval(1_000, [inbound('video', { freezeCount: 2, totalFreezesDuration: 1.5 })])],
      metric: 'freezeSeconds',
      expected: 1.5,
    },
  ])('$name', ({ intervals, metric, expected }) => {
    expect(summarize(...intervals)[metric]).toBeCloseTo(expected, 9);
  });

  it('gives quality-limitation shares from qualityLimitationDurations deltas', () => {
    const layer = outbound('video', {
      'qualityLimitationDurations.none': 6,
      'qualityLimitationDurations.bandwidth': 3,
      'qualityLimitationDurations.cpu': 1,
      'qualityLimitationDurations.other': 0,
    });
    expect(summarize(interval(1, [layer], { seconds: 10 })).qualityLimitationShares).toEqual({
      none: 0.6,
      bandwidth: 0.3,
      cpu: 0.1,
      other: 0,
    });
  });

  it('averages bitrate over wall-clock time, counting time two peer connections share once', () => {
    const a = interval(2_000, [inbound('video', { bytesReceived: 100_000 })], { seconds: 2, peerConnectionId: 'P2P' });
    const b = interval(2_500, [inbound('video', { bytesReceived: 25_000 })], { seconds: 2, peerConnectionId: 'SFU' });
    expect(summarize(a, b).bitrateInKbps).toBeCloseTo((125_000 * 8) / 1000 / 2.5, 9);
  });

  it('computes the span MOS from the span loss (audio), preferred RTT, jitter and jitter-buffer delay', () => {
    const span = interval(
      1,
      [
        inbound(
          'audio',
          { packetsLost: 1, packetsReceived: 99, jitterBufferDelay: 2_400, jitterBufferEmittedCount: 48_000 },
          { jitter: 0.012 },
        ),
        inbound('video', { packetsLost: 0, packetsReceived: 900 }),
        remoteInbound('audio', {}, { roundTripTime: 0.12 }),
      ],
      { pair: selectedPair(0.05) },
    );
    const expected = estimateMos({ rttMs: 120, jitterMs: 12, packetLossPct: 1, jitterBufferDelayMs: 50 });
    expect(summarize(span).mos).toBeCloseTo(expected, 12);
    expect(summarize(interval(1, [], { pair: selectedPair(0.05) })).mos).toBeUndefined();
  });

  it('merges tallies into exactly what adding every interval gives', () => {
    const first = interval(
      1_000,
      [inbound('audio', { packetsLost: 1, packetsReceived: 49, bytesReceived: 4_000 }, { jitter: 0.01 })],
      { pair: selectedPair(0.03) },
    );
    const second = interval(
      2_000,
      [inbound('audio', { packetsLost: 4, packetsReceived: 46, bytesReceived: 4_000 }, { jitter: 0.03 })],
      { pair: selectedPair(0.09) },
    );
    const merged = mergeTallies(addIntervalToTally(EMPTY_TALLY, first), addIntervalToTally(EMPTY_TALLY, second));
    expect(summarizeTally(merged)).toEqual(summarize(first, second));
    expect(summarizeTally(merged)).toMatchObject({ packetLossPct: 5, iceRttMs: 60, iceRttMaxMs: 90, jitterMs: 20 });
  });
});

describe(intervalHealth.name, () => {
  const health = (metrics: Partial<ConnectivityMetrics>) =>
    intervalHealth({ freezeCount: 0, freezeSeconds: 0, ...metrics }, DEFAULT_CONNECTIVITY_THRESHOLDS);

  it.each<{ metrics: Partial<ConnectivityMetrics>; expected: IntervalHealth }>([
    { metrics: {}, expected: 'unknown' },
    { metrics: { mos: 4.2, packetLossPct: 0, rttMs: 50 }, expected: 'good' },
    { metrics: { mos: 3.49 }, expected: 'bad' },
    { metrics: { mos: 3.5 }, expected: 'good' },
    { metrics: { packetLossPct: 5 }, expected: 'good' },
    { metrics: { packetLossPct: 5.01 }, expected: 'bad' },
    { metrics: { packetLossPct: 0, outboundPacketLossPct: 8 }, expected: 'bad' },
    { metrics: { rttMs: 400 }, expected: 'good' },
    { metrics: { rttMs: 401 }, expected: 'bad' },
  ])('$metrics → $expected', ({ metrics, expected }) => {
    expect(health(metrics)).toBe(expected);
  });
});
