import type { StatsObject } from '@attune/protocol/delta/stats-delta';
import { filterStats, selectedCandidatePairIds } from './stats-filter';

const stats = (id: string, type: string, fields: Record<string, unknown> = {}): StatsObject => ({
  id,
  type,
  timestamp: 1000,
  ...fields,
});

/** A Chrome-like report: one audio stream each way, two candidate pairs, the usual clutter. */
function chromeReport(): StatsObject[] {
  return [
    stats('T1', 'transport', { selectedCandidatePairId: 'CP1', localCertificateId: 'CERT1', dtlsState: 'connected' }),
    stats('CP1', 'candidate-pair', {
      localCandidateId: 'L1',
      remoteCandidateId: 'R1',
      state: 'succeeded',
      nominated: true,
      currentRoundTripTime: 0.02,
    }),
    stats('CP2', 'candidate-pair', { localCandidateId: 'L2', remoteCandidateId: 'R1', state: 'failed' }),
    stats('L1', 'local-candidate', {
      address: '192.168.1.4',
      port: 50000,
      candidateType: 'host',
      protocol: 'udp',
      url: 'stun:x',
    }),
    stats('L2', 'local-candidate', { address: '10.0.0.1', candidateType: 'srflx' }),
    stats('R1', 'remote-candidate', {
      address: '203.0.113.9',
      port: 3478,
      candidateType: 'relay',
      relayProtocol: 'udp',
    }),
    stats('CERT1', 'certificate', { fingerprint: 'AB:CD', base64Certificate: 'MIIB' }),
    stats('C1', 'codec', {
      mimeType: 'audio/opus',
      payloadType: 111,
      clockRate: 48000,
      channels: 2,
      sdpFmtpLine: 'minptime=10',
    }),
    stats('C2', 'codec', { mimeType: 'video/VP8', payloadType: 96 }),
    stats('IA', 'inbound-rtp', { kind: 'audio', codecId: 'C1', packetsReceived: 100, jitter: 0.01 }),
    stats('OA', 'outbound-rtp', { kind: 'audio', codecId: 'C1', packetsSent: 120 }),
    stats('RIA', 'remote-inbound-rtp', { kind: 'audio', codecId: 'C1', roundTripTime: 0.03 }),
    stats('ROA', 'remote-outbound-rtp', { kind: 'audio' }),
    stats('MS', 'media-source', { kind: 'audio', totalAudioEnergy: 1.5, totalSamplesDuration: 10 }),
    stats('MP', 'media-playout', { kind: 'audio' }),
    stats('D1', 'data-channel', { label: 'chat' }),
    stats('P', 'peer-connection', { dataChannelsOpened: 1 }),
  ];
}

describe(filterStats.name, () => {
  it('keeps what the metrics read and drops the rest', () => {
    const ids = filterStats(chromeReport()).map((object) => object.id);
    expect(ids).toEqual(['T1', 'CP1', 'L1', 'R1', 'C1', 'IA', 'OA', 'RIA', 'MS']);
  });

  it('reduces the selected pair’s candidates to their type: no address, port or URL ever leaves', () => {
    const sent = filterStats(chromeReport());
    expect(sent.find((object) => object.id === 'L1')).toEqual({
      id: 'L1',
      type: 'local-candidate',
      timestamp: 1000,
      candidateType: 'host',
      protocol: 'udp',
    });
    expect(sent.find((object) => object.id === 'R1')).toEqual({
      id: 'R1',
      type: 'remote-candidate',
      timestamp: 1000,
      candidateType: 'relay',
      relayProtocol: 'udp',
    });
    expect(JSON.stringify(sent)).not.toMatch(/192\.168|203\.0|10\.0\.0|stun:|"port"|"address"/);
  });

  it('reduces codecs to what tells the media kind', () => {
    const codec = filterStats(chromeReport()).find((object) => object.id === 'C1');
    expect(codec).toEqual({
      id: 'C1',
      type: 'codec',
      timestamp: 1000,
      mimeType: 'audio/opus',
      payloadType: 111,
      clockRate: 48000,
      channels: 2,
    });
  });

  it('keeps RTP objects whole and copies them (the caller may keep the report)', () => {
    const report = chromeReport();
    const inbound = filterStats(report).find((object) => object.id === 'IA');
    expect(inbound).toEqual(report.find((object) => object.id === 'IA'));
    expect(inbound).not.toBe(report.find((object) => object.id === 'IA'));
  });

  it('keeps a legacy track object only when an inbound-rtp points at it', () => {
    const report = [
      stats('IA', 'inbound-rtp', { kind: 'audio', trackId: 'TR1' }),
      stats('TR1', 'track', { concealedSamples: 3 }),
      stats('TR2', 'track', { concealedSamples: 0 }),
    ];
    expect(filterStats(report).map((object) => object.id)).toEqual(['IA', 'TR1']);
  });
});

describe(selectedCandidatePairIds.name, () => {
  it("uses Firefox's selected flag when there is no transport", () => {
    const report = [
      stats('A', 'candidate-pair', { selected: false, nominated: true, state: 'succeeded' }),
      stats('B', 'candidate-pair', { selected: true, nominated: true, state: 'succeeded' }),
    ];
    expect(selectedCandidatePairIds(report)).toEqual(['B']);
  });

  it('falls back to every nominated, succeeded pair (the metrics pick the busier)', () => {
    const report = [
      stats('A', 'candidate-pair', { nominated: true, state: 'succeeded' }),
      stats('B', 'candidate-pair', { nominated: true, state: 'succeeded' }),
      stats('C', 'candidate-pair', { nominated: false, state: 'succeeded' }),
    ];
    expect(selectedCandidatePairIds(report)).toEqual(['A', 'B']);
  });
});
