import { randomUUID } from 'node:crypto';
import type { EventRow, StatsSampleRow, UtteranceRow } from '../../apps/api/src/storage/ingest-writer';
import { statsSampleColumns, type RtcStatsObject } from '../../apps/api/src/storage/stats-sample-columns';

/**
 * A Chrome-shaped report (cut down from the rtcstats fixtures), with counters that grow with
 * `tick` so that every row differs.
 */
export function chromeReport(tick: number, timestampMs: number): RtcStatsObject[] {
  // prettier-ignore
  return [
    { id: 'RTCAudioSource_1', type: 'media-source', timestamp: timestampMs, kind: 'audio', audioLevel: 0.0021, totalAudioEnergy: 0.0005 * tick, totalSamplesDuration: tick },
    { id: 'RTCIceCandidatePair_a_b', type: 'candidate-pair', timestamp: timestampMs, state: 'succeeded', nominated: true, currentRoundTripTime: 0.042, bytesSent: 4000 * tick, bytesReceived: 5000 * tick },
    { id: 'RTCInboundRTPAudioStream_1', type: 'inbound-rtp', timestamp: timestampMs, kind: 'audio', ssrc: 250981789, packetsReceived: 50 * tick, packetsLost: tick % 3, jitter: 0.002, bytesReceived: 1800 * tick, jitterBufferDelay: 67.3 * tick, jitterBufferEmittedCount: 48000 * tick },
    { id: 'RTCInboundRTPVideoStream_2', type: 'inbound-rtp', timestamp: timestampMs, kind: 'video', ssrc: 2864088180, packetsReceived: 170 * tick, packetsLost: 0, bytesReceived: 140000 * tick, framesPerSecond: 29, qualityLimitationDurations: { none: tick, cpu: 0 } },
    { id: 'RTCOutboundRTPAudioStream_3', type: 'outbound-rtp', timestamp: timestampMs, kind: 'audio', ssrc: 2364213263, packetsSent: 50 * tick, bytesSent: 2900 * tick },
    { id: 'RTCRemoteInboundRtpAudioStream_3', type: 'remote-inbound-rtp', timestamp: timestampMs, kind: 'audio', localId: 'RTCOutboundRTPAudioStream_3', roundTripTime: 0.051, packetsLost: 0 },
    { id: 'RTCTransport_1', type: 'transport', timestamp: timestampMs, dtlsState: 'connected', selectedCandidatePairId: 'RTCIceCandidatePair_a_b' },
    { id: 'RTCCodec_111', type: 'codec', timestamp: timestampMs, mimeType: 'audio/opus', clockRate: 48000, sdpFmtpLine: 'minptime=10;useinbandfec=1' },
  ];
}

export interface Ids {
  sessionId: string;
  participantId: string;
}

export function newIds(): Ids {
  return { sessionId: randomUUID(), participantId: randomUUID() };
}

export function statsRow(
  ids: Ids,
  seq: number,
  stats = chromeReport(seq + 1, 1_700_000_000_000 + seq * 1000),
): StatsSampleRow {
  return {
    ...ids,
    seq,
    messageIndex: 0,
    peerConnectionId: 'PC_0',
    ts: new Date(1_700_000_000_000 + seq * 1000),
    receivedAt: new Date(1_700_000_000_000 + seq * 1000 + 120),
    ...statsSampleColumns(stats),
    stats,
  };
}

export function eventRow(ids: Ids, seq: number): EventRow {
  return {
    ...ids,
    source: 'client',
    type: 'visibility',
    state: seq % 2 === 0 ? 'hidden' : 'visible',
    at: new Date(1_700_000_000_000 + seq * 1000),
    seq,
    payload: seq % 2 === 0 ? { reason: 'tab', nested: { list: [1, 2.5, 'três'] } } : null,
    receivedAt: new Date(1_700_000_000_000 + seq * 1000 + 80),
  };
}

export function utteranceRow(ids: Ids, seq: number): UtteranceRow {
  return {
    ...ids,
    startAt: new Date(1_700_000_000_000 + seq * 1000),
    endAt: new Date(1_700_000_000_000 + seq * 1000 + 750),
    seq,
  };
}
