import type { RtcStats, StatsReport } from '../rtc-stats';

/*
 * Builders for synthetic stats reports in tests. Field names are W3C's; `fields` may hold anything,
 * including wrong types, to exercise the defensive readers.
 */

type Fields = Record<string, unknown>;

export function stats(id: string, type: string, fields: Fields = {}, timestamp = 0): RtcStats {
  return { id, type, timestamp, ...fields };
}

export const inboundRtp = (id: string, fields: Fields): RtcStats => stats(id, 'inbound-rtp', fields);
export const outboundRtp = (id: string, fields: Fields): RtcStats => stats(id, 'outbound-rtp', fields);
export const remoteInboundRtp = (id: string, fields: Fields): RtcStats => stats(id, 'remote-inbound-rtp', fields);
export const candidatePair = (id: string, fields: Fields): RtcStats => stats(id, 'candidate-pair', fields);
export const transport = (id: string, selectedCandidatePairId: string): RtcStats =>
  stats(id, 'transport', { selectedCandidatePairId });

export function report(timestamp: number, objects: readonly RtcStats[], peerConnectionId?: string): StatsReport {
  return {
    timestamp,
    peerConnectionId,
    stats: objects.map((object) => ({ ...object, timestamp })),
  };
}

/**
 * The counters a healthy 1 s of audio+video produces, cumulative at `second` seconds; tests bend
 * them to model loss, RTT or jitter. Audio: 50 packets/s, 48 kHz; video: 100 packets/s, 30 fps.
 */
export interface CallShape {
  readonly audioLossPct?: number;
  readonly videoLossPct?: number;
  readonly outboundLossPct?: number;
  readonly rttSeconds?: number;
  readonly jitterSeconds?: number;
}

export function healthyCallStats(second: number, shape: CallShape = {}): RtcStats[] {
  const rtt = shape.rttSeconds ?? 0.04;
  const jitter = shape.jitterSeconds ?? 0.005;
  const lostOf = (packets: number, pct = 0) => Math.round((packets * pct) / 100);
  const audioExpected = 50 * second;
  const videoExpected = 100 * second;
  const audioLost = lostOf(audioExpected, shape.audioLossPct);
  const videoLost = lostOf(videoExpected, shape.videoLossPct);
  const sentAudio = 50 * second;
  return [
    transport('T01', 'CP1'),
    candidatePair('CP1', {
      state: 'succeeded',
      nominated: true,
      bytesSent: 60_000 * second,
      bytesReceived: 80_000 * second,
      currentRoundTripTime: rtt,
      totalRoundTripTime: rtt * second,
      responsesReceived: second,
    }),
    inboundRtp('IA1', {
      kind: 'audio',
      ssrc: 1,
      packetsReceived: audioExpected - audioLost,
      packetsLost: audioLost,
      bytesReceived: 4_000 * second,
      jitter,
      jitterBufferDelay: 0.04 * 48_000 * second,
      jitterBufferEmittedCount: 48_000 * second,
      totalSamplesReceived: 48_000 * second,
      concealedSamples: Math.round((48_000 * second * (shape.audioLossPct ?? 0)) / 100),
    }),
    inboundRtp('IV1', {
      kind: 'video',
      ssrc: 2,
      packetsReceived: videoExpected - videoLost,
      packetsLost: videoLost,
      bytesReceived: 70_000 * second,
      jitter: jitter * 2,
      framesDecoded: 30 * second,
      framesPerSecond: 30,
      freezeCount: 0,
      totalFreezesDuration: 0,
    }),
    outboundRtp('OA1', { kind: 'audio', ssrc: 11, packetsSent: sentAudio, bytesSent: 4_000 * second }),
    outboundRtp('OV1', {
      kind: 'video',
      ssrc: 12,
      packetsSent: 100 * second,
      bytesSent: 50_000 * second,
      framesEncoded: 30 * second,
      qualityLimitationDurations: { none: second, cpu: 0, bandwidth: 0, other: 0 },
    }),
    remoteInboundRtp('RA1', {
      kind: 'audio',
      ssrc: 11,
      localId: 'OA1',
      packetsLost: lostOf(sentAudio, shape.outboundLossPct),
      roundTripTime: rtt,
      jitter,
    }),
  ];
}
