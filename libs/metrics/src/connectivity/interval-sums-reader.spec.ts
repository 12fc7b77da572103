import {
  INITIAL_NORMALIZER_STATE,
  normalizeReport,
  type NormalizeOptions,
  type RtcStats,
  type StatsReport,
} from '../normalize';
import { readRtcstatsDump } from '../normalize/testing/rtcstats-dump';
import {
  candidatePair,
  healthyCallStats,
  inboundRtp,
  outboundRtp,
  remoteInboundRtp,
  report,
  stats,
  transport,
} from '../normalize/testing/stats-builders';
import { IntervalSumsReader } from './interval-sums-reader';
import { IntervalSums } from './tally';

/** The reference: the pure reducer's intervals, each made into sums (null where it gives none). */
function referenceSums(reports: readonly StatsReport[], options?: NormalizeOptions): (IntervalSums | null)[] {
  let state = INITIAL_NORMALIZER_STATE;
  return reports.map((next) => {
    const step = normalizeReport(state, next, options);
    state = step.state;
    return step.interval && new IntervalSums(step.interval);
  });
}

function readerSums(reports: readonly StatsReport[], options?: NormalizeOptions): (IntervalSums | null)[] {
  const sut = new IntervalSumsReader(options);
  return reports.map((next) => {
    const sums = new IntervalSums();
    return sut.read(next, sums) ? sums : null;
  });
}

// The analyzer reads reports straight into sums; every rule stays the pure reducer's, which the
// normaliser's specs pin. Sums are compared whole, NaN (absent) included.
describe(IntervalSumsReader.name, () => {
  it.each([
    'google-standard-stats-p2p',
    'google-standard-stats-sfu',
    'chrome-relay',
    'chrome-standard-multiple-p2p',
    'chrome96-standard-stats-p2p-add-transceiver',
    'firefox-standard-stats-sfu',
    'safari-standard-stats',
    '59c86272-03ea-42e9-a62d-1c8a272e8ab0',
  ])('%s: the same sums as normalizeReport', (name) => {
    const reports = readRtcstatsDump(name).reports;
    const expected = referenceSums(reports);
    // Not vacuous: every dump has intervals (the legacy-stats one has nothing else to sum).
    expect(expected.some((sums) => sums !== null)).toBe(true);
    expect(readerSums(reports)).toEqual(expected);
  });

  it('the same sums through resets, vanishing and returning objects, repeated ids and peer connections', () => {
    const audio = (packetsReceived: number, extra = {}) =>
      inboundRtp('IA', {
        kind: 'audio',
        packetsReceived,
        packetsLost: 1,
        bytesReceived: packetsReceived * 100,
        jitter: 0.01,
        ...extra,
      });
    const pair = (bytes: number) =>
      candidatePair('CP', { bytesSent: bytes, bytesReceived: bytes, state: 'succeeded', currentRoundTripTime: 0.04 });
    const reports: StatsReport[] = [
      report(1_000, [transport('T', 'CP'), pair(10), audio(10)]),
      report(2_000, [transport('T', 'CP'), pair(20), audio(20)]),
      report(2_000, [transport('T', 'CP'), pair(25), audio(25)]), // duplicate time
      report(3_000, [transport('T', 'CP'), pair(30), audio(5)]), // counter reset
      report(4_000, [transport('T', 'CP'), pair(40), audio(15, { jitterBufferDelay: 1.5 })]), // a counter appears
      report(5_000, [transport('T', 'CP'), pair(50), audio(25)]), // …and goes
      report(6_000, [transport('T', 'CP'), pair(60)]), // the track vanishes
      report(7_000, [transport('T', 'CP'), pair(70), audio(40)]), // and returns: first seen again
      report(8_000, [pair(80), audio(50), audio(60)]), // an id twice in one report
      report(8_500, [pair(85), audio(65), audio(70)]), // twice again
      report(9_000, [pair(90), audio(70), outboundRtp('IA', { kind: 'audio', packetsSent: 5 })]), // one id, two types
      report(10_000, [pair(100), audio(80)]),
      report(10_500, [audio(1), remoteInboundRtp('RA', { kind: 'audio', packetsLost: 0 })], 'pc-2'),
      report(11_000, [pair(110), audio(90, { packetsLost: 0 })]), // packetsLost may go down
      report(11_500, [audio(2), remoteInboundRtp('RA', { kind: 'audio', packetsLost: 1 })], 'pc-2'),
      report(90_000, [audio(3)], 'pc-2'), // the default peer connection is forgotten meanwhile
      report(91_000, [pair(120), audio(100)]),
      report(Number.NaN, [audio(110)]),
    ];
    expect(readerSums(reports)).toEqual(referenceSums(reports));
  });

  it('the same sums for a whole simulated call: audio and video both ways, RTCP, quality limitation', () => {
    const reports = Array.from({ length: 30 }, (_, second) =>
      report(
        1_000 * (second + 1),
        healthyCallStats(second + 1, { audioLossPct: second % 7, videoLossPct: second % 3, outboundLossPct: 2 }),
      ),
    );
    expect(readerSums(reports)).toEqual(referenceSums(reports));
  });

  it('the same sums where the links between objects are found the older ways', () => {
    const second = (at: number, n: number, extra: RtcStats[] = []): StatsReport =>
      report(at, [
        // Legacy Chrome and Safari: receive counters on the `track` object, kind only in `mediaType`.
        inboundRtp('IV', { mediaType: 'video', trackId: 'TR', jitter: 0.02 }),
        stats('TR', 'track', { packetsReceived: 100 * n, packetsLost: n, framesDecoded: 30 * n }),
        // Kind from the codec; the remote report linked only by the outbound's remoteId, or by SSRC.
        outboundRtp('OA', { codecId: 'CA', packetsSent: 50 * n, bytesSent: 5_000 * n, remoteId: 'RA', ssrc: 1 }),
        stats('CA', 'codec', { mimeType: 'audio/opus' }),
        outboundRtp('OV', {
          kind: 'video',
          ssrc: 2,
          packetsSent: 90 * n,
          framesEncoded: 30 * n,
          qualityLimitationDurations: { none: n, cpu: 0.5 * n, 'thermal-throttling': 0.25 * n, bandwidth: 'x' },
        }),
        remoteInboundRtp('RA', { codecId: 'CA', packetsLost: n, roundTripTime: 0.05, jitter: 0.003 }),
        remoteInboundRtp('RV', {
          kind: 'video',
          ssrc: 2,
          packetsLost: 2 * n,
          totalRoundTripTime: 0.1 * n,
          roundTripTimeMeasurements: n,
        }),
        // Firefox: no transport, the pair in use flagged; else the busiest nominated pair.
        ...extra,
      ]);
    const firefoxPairs = [
      candidatePair('C1', { nominated: true, state: 'succeeded', bytesSent: 5, currentRoundTripTime: 0.2 }),
      candidatePair('C2', { selected: true, currentRoundTripTime: 0.03 }),
    ];
    const nominatedPairs = [
      candidatePair('C1', { nominated: true, state: 'succeeded', bytesSent: 5, currentRoundTripTime: 0.2 }),
      candidatePair('C3', { nominated: true, state: 'succeeded', bytesSent: 9, currentRoundTripTime: 0.06 }),
      candidatePair('C4', { nominated: true, state: 'succeeded', bytesReceived: 9, currentRoundTripTime: 0.07 }),
    ];
    const reports = [
      second(1_000, 1, firefoxPairs),
      second(2_000, 2, firefoxPairs),
      second(3_000, 3, nominatedPairs),
      second(4_000, 4, [{ id: 7, type: 'candidate-pair' } as unknown as RtcStats, ...nominatedPairs]),
      { timestamp: 5_000, stats: 'not a list' } as unknown as StatsReport,
      second(6_000, 6),
    ];
    const expected = referenceSums(reports);
    expect(expected[1]).toMatchObject({
      outboundPackets: { lost: 3, received: 137 },
      inboundVideoFrames: { frames: 30, streamSeconds: 1 },
      iceRttMs: { sum: 30, count: 1 },
    });
    expect(readerSums(reports)).toEqual(expected);
  });

  it('counts the peer connections it remembers', () => {
    const sut = new IntervalSumsReader({ forgetPeerConnectionAfterMs: 10_000 });
    const read = (at: number, peerConnectionId: string) =>
      sut.read(
        report(at, [inboundRtp('IA', { kind: 'audio', packetsReceived: at })], peerConnectionId),
        new IntervalSums(),
      );
    read(1_000, 'a');
    read(2_000, 'b');
    expect(sut.peerConnectionCount).toBe(2);
    expect(read(2_000, 'b')).toBe(false);
    read(12_000, 'b');
    expect(sut.peerConnectionCount).toBe(1);
  });
});
