import { QUALITY_LIMITATION_REASONS, type QualityLimitationReason } from '../normalize/stats-views';
import { estimateMos } from './mos';
import type { ConnectivityTally, FrameTally, GaugeTally, PacketTally } from './tally';

export type RttSource = 'rtcp' | 'ice';

/**
 * Connectivity of one participant over a span (an interval, a window, a session). Every field is
 * undefined when the span holds no data for it — "unknown", never a fake zero.
 */
export interface ConnectivityMetrics {
  /** Inbound, all media: Σlost / Σ(lost + received) × 100. */
  readonly packetLossPct?: number;
  readonly audioPacketLossPct?: number;
  /** Our media as the far end received it (remote-inbound-rtp). */
  readonly outboundPacketLossPct?: number;
  /** ICE: selected candidate pair currentRoundTripTime (STUN consent checks, transport level). */
  readonly iceRttMs?: number;
  readonly iceRttMaxMs?: number;
  /** RTCP: remote-inbound-rtp roundTripTime (receiver reports, media level). Never averaged with ICE. */
  readonly rtcpRttMs?: number;
  readonly rtcpRttMaxMs?: number;
  /** The RTT used for MOS and for the degraded rule: RTCP when present, else ICE. */
  readonly rttMs?: number;
  readonly rttSource?: RttSource;
  /** Inbound audio jitter. */
  readonly jitterMs?: number;
  readonly jitterMaxMs?: number;
  /** ΔjitterBufferDelay / ΔjitterBufferEmittedCount, inbound audio. */
  readonly jitterBufferDelayMs?: number;
  readonly mos?: number;
  readonly bitrateInKbps?: number;
  readonly bitrateOutKbps?: number;
  /** ΔconcealedSamples / ΔtotalSamplesReceived × 100, inbound audio. */
  readonly concealmentPct?: number;
  /** Mean frame rate of the active inbound video streams. */
  readonly videoFpsIn?: number;
  /** Mean frame rate of the active outbound video streams (each simulcast layer counts). */
  readonly videoFpsOut?: number;
  readonly freezeCount: number;
  readonly freezeSeconds: number;
  /** Share (0–1) of outbound video time per qualityLimitationReason. */
  readonly qualityLimitationShares?: Readonly<Record<QualityLimitationReason, number>>;
}

/** What the degraded rule and the MOS are judged on: the call-quality part of the metrics. */
export type CallQuality = Pick<
  ConnectivityMetrics,
  | 'packetLossPct'
  | 'audioPacketLossPct'
  | 'outboundPacketLossPct'
  | 'iceRttMs'
  | 'rtcpRttMs'
  | 'rttMs'
  | 'rttSource'
  | 'jitterMs'
  | 'jitterBufferDelayMs'
  | 'mos'
>;

export function summarizeTally(tally: ConnectivityTally): ConnectivityMetrics {
  const {
    packetLossPct,
    audioPacketLossPct,
    outboundPacketLossPct,
    iceRttMs,
    rtcpRttMs,
    rttMs,
    rttSource,
    jitterMs,
    jitterBufferDelayMs,
    mos,
  } = callQuality(tally);
  return {
    packetLossPct,
    audioPacketLossPct,
    outboundPacketLossPct,
    iceRttMs,
    iceRttMaxMs: tally.iceRttMs.max,
    rtcpRttMs,
    rtcpRttMaxMs: tally.rtcpRttMs.max,
    rttMs,
    rttSource,
    jitterMs,
    jitterMaxMs: tally.audioJitterMs.max,
    jitterBufferDelayMs,
    mos,
    bitrateInKbps: ratio((tally.bytesReceived * 8) / 1000, tally.coveredSeconds),
    bitrateOutKbps: ratio((tally.bytesSent * 8) / 1000, tally.coveredSeconds),
    concealmentPct: percent(tally.concealedSamples, tally.totalSamplesReceived),
    videoFpsIn: frameRate(tally.inboundVideoFrames),
    videoFpsOut: frameRate(tally.outboundVideoFrames),
    freezeCount: tally.freezeCount,
    freezeSeconds: tally.freezeSeconds,
    qualityLimitationShares: shares(tally.qualityLimitationSeconds),
  };
}

/** The call-quality metrics of a tally (the rest of `summarizeTally` is bitrates, frames and limits). */
export function callQuality(tally: ConnectivityTally): CallQuality {
  const packetLossPct = lossPct(tally.inboundPackets);
  const audioPacketLossPct = lossPct(tally.inboundAudioPackets);
  const outboundPacketLossPct = lossPct(tally.outboundPackets);
  const iceRttMs = mean(tally.iceRttMs);
  const rtcpRttMs = mean(tally.rtcpRttMs);
  const rttSource: RttSource | undefined =
    rtcpRttMs !== undefined ? 'rtcp' : iceRttMs !== undefined ? 'ice' : undefined;
  const rttMs = rtcpRttMs ?? iceRttMs;
  const jitterMs = mean(tally.audioJitterMs);
  const jitterBufferDelayMs = ratio(tally.jitterBufferDelaySeconds * 1000, tally.jitterBufferEmittedCount);
  // What a listener at this participant hears: inbound audio first; when nobody sends audio, the
  // path's loss in any direction still says something about the call.
  const mosLossPct = audioPacketLossPct ?? packetLossPct ?? outboundPacketLossPct;
  const mos =
    rttMs !== undefined && mosLossPct !== undefined
      ? estimateMos({
          rttMs,
          jitterMs: jitterMs ?? mean(tally.remoteAudioJitterMs) ?? 0,
          packetLossPct: mosLossPct,
          jitterBufferDelayMs,
        })
      : undefined;
  return {
    packetLossPct,
    audioPacketLossPct,
    outboundPacketLossPct,
    iceRttMs,
    rtcpRttMs,
    rttMs,
    rttSource,
    jitterMs,
    jitterBufferDelayMs,
    mos,
  };
}

/** Δlost / (Δlost + Δreceived) × 100. */
export function lossPct({ lost, received }: PacketTally): number | undefined {
  return percent(lost, lost + received);
}

function mean({ sum, count }: GaugeTally): number | undefined {
  return ratio(sum, count);
}

function frameRate({ frames, streamSeconds }: FrameTally): number | undefined {
  return ratio(frames, streamSeconds);
}

function percent(part: number, whole: number): number | undefined {
  const value = ratio(part, whole);
  return value === undefined ? undefined : value * 100;
}

function ratio(numerator: number, denominator: number): number | undefined {
  return denominator > 0 ? numerator / denominator : undefined;
}

function shares(
  seconds: Readonly<Record<QualityLimitationReason, number>>,
): Record<QualityLimitationReason, number> | undefined {
  const total = QUALITY_LIMITATION_REASONS.reduce((sum, reason) => sum + seconds[reason], 0);
  if (!(total > 0)) return undefined;
  const result = { none: 0, cpu: 0, bandwidth: 0, other: 0 };
  for (const reason of QUALITY_LIMITATION_REASONS) result[reason] = seconds[reason] / total;
  return result;
}
