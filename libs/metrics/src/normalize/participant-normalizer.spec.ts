import type { NormalizedInterval } from './normalized-interval';
import { INITIAL_NORMALIZER_STATE, normalizeReport, ParticipantNormalizer } from './normalize-report';
import type { StatsReport } from './rtc-stats';
import { readRtcstatsDump } from './testing/rtcstats-dump';
import { candidatePair, inboundRtp, outboundRtp, remoteInboundRtp, report, transport } from './testing/stats-builders';

/** The intervals of the pure reducer, one per report (null where it gives none). */
function pureIntervals(reports: readonly StatsReport[]): (NormalizedInterval | null)[] {
  let state = INITIAL_NORMALIZER_STATE;
  return reports.map((next) => {
    const step = normalizeReport(state, next);
    state = step.state;
    return step.interval;
  });
}

function inPlaceIntervals(reports: readonly StatsReport[]): (NormalizedInterval | null)[] {
  const sut = new ParticipantNormalizer();
  return reports.map((next) => sut.normalize(next));
}

// The analyzer normalises in place; every rule stays the pure reducer's, which the other specs pin.
describe(ParticipantNormalizer.name, () => {
  it.each([
    'google-standard-stats-p2p',
    'google-standard-stats-sfu',
    'chrome-relay',
    'chrome-standard-multiple-p2p',
    'chrome96-standard-stats-p2p-add-transceiver',
    'firefox-standard-stats-sfu',
    'safari-standard-stats',
    '59c86272-03ea-42e9-a62d-1c8a272e8ab0',
  ])('%s: the same intervals as normalizeReport', (name) => {
    const reports = readRtcstatsDump(name).reports;
    expect(inPlaceIntervals(reports)).toEqual(pureIntervals(reports));
  });

  it('the same intervals through resets, vanishing and returning objects, repeated ids and peer connections', () => {
    const audio = (packetsReceived: number, extra = {}) =>
      inboundRtp('IA', {
        kind: 'audio',
        packetsReceived,
        packetsLost: 1,
        bytesReceived: packetsReceived * 100,
        ...extra,
      });
    const pair = (bytes: number) => candidatePair('CP', { bytesSent: bytes, bytesReceived: bytes, state: 'succeeded' });
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
      report(9_000, [pair(90), audio(70), outboundRtp('IA', { kind: 'audio', packetsSent: 5 })]), // one id, two types
      report(10_000, [pair(100), audio(80)]),
      report(10_500, [audio(1), remoteInboundRtp('RA', { kind: 'audio', packetsLost: 0 })], 'pc-2'),
      report(11_000, [pair(110), audio(90)]),
      report(11_500, [audio(2), remoteInboundRtp('RA', { kind: 'audio', packetsLost: 1 })], 'pc-2'),
      report(90_000, [audio(3)], 'pc-2'), // the default peer connection is forgotten meanwhile
      report(91_000, [pair(120), audio(100)]),
      report(Number.NaN, [audio(110)]),
    ];
    expect(inPlaceIntervals(reports)).toEqual(pureIntervals(reports));
  });

  it('counts the peer connections it remembers', () => {
    const sut = new ParticipantNormalizer({ forgetPeerConnectionAfterMs: 10_000 });
    sut.normalize(report(1_000, [inboundRtp('IA', { kind: 'audio', packetsReceived: 1 })], 'a'));
    sut.normalize(report(2_000, [inboundRtp('IA', { kind: 'audio', packetsReceived: 1 })], 'b'));
    expect(sut.peerConnectionCount).toBe(2);
    sut.normalize(report(12_000, [inboundRtp('IA', { kind: 'audio', packetsReceived: 2 })], 'b'));
    expect(sut.peerConnectionCount).toBe(1);
  });
});
