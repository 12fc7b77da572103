import { readBoolean, readMediaKind, readNumber, readNumberRecord, readString } from './read-field';
import type { MediaKind, RtcStats } from './rtc-stats';

/*
 * Typed views of the stats types the connectivity metrics read. A view separates cumulative
 * counters (turned into interval deltas by the normaliser) from gauges (instantaneous values,
 * passed through). Field names and units are W3C's: seconds for times, bytes, packets.
 */

export const QUALITY_LIMITATION_REASONS = ['none', 'cpu', 'bandwidth', 'other'] as const;
export type QualityLimitationReason = (typeof QUALITY_LIMITATION_REASONS)[number];

export const INBOUND_RTP_COUNTERS = [
  'packetsReceived',
  'packetsLost',
  'bytesReceived',
  'jitterBufferDelay',
  'jitterBufferEmittedCount',
  'totalSamplesReceived',
  'concealedSamples',
  'framesDecoded',
  'freezeCount',
  'totalFreezesDuration',
] as const;
export type InboundRtpCounter = (typeof INBOUND_RTP_COUNTERS)[number];

export const OUTBOUND_RTP_COUNTERS = [
  'packetsSent',
  'bytesSent',
  'framesEncoded',
  ...QUALITY_LIMITATION_REASONS.map((reason) => `qualityLimitationDurations.${reason}` as const),
] as const;
export type OutboundRtpCounter = (typeof OUTBOUND_RTP_COUNTERS)[number];

export const REMOTE_INBOUND_RTP_COUNTERS = [
  'packetsLost',
  'packetsReceived',
  'totalRoundTripTime',
  'roundTripTimeMeasurements',
] as const;
export type RemoteInboundRtpCounter = (typeof REMOTE_INBOUND_RTP_COUNTERS)[number];

export const CANDIDATE_PAIR_COUNTERS = [
  'bytesSent',
  'bytesReceived',
  'totalRoundTripTime',
  'responsesReceived',
] as const;
export type CandidatePairCounter = (typeof CANDIDATE_PAIR_COUNTERS)[number];

/**
 * Counters allowed to go down without meaning "reset": RFC 3550's cumulative packets lost is
 * expected − received, which drops when late or duplicated packets arrive.
 */
export const COUNTERS_THAT_MAY_DECREASE: ReadonlySet<string> = new Set(['packetsLost']);

export type Counters<Name extends string> = Readonly<Partial<Record<Name, number>>>;

export interface InboundRtpGauges {
  /** Seconds (RFC 3550 interarrival jitter). */
  readonly jitter?: number;
  readonly framesPerSecond?: number;
}

export interface OutboundRtpGauges {
  readonly framesPerSecond?: number;
  readonly qualityLimitationReason?: string;
}

export interface RemoteInboundRtpGauges {
  /** Seconds, from the latest RTCP receiver report. */
  readonly roundTripTime?: number;
  /** Seconds, as the far end measures our stream. */
  readonly jitter?: number;
  /** 0..1, from the latest RTCP receiver report. */
  readonly fractionLost?: number;
}

export interface CandidatePairGauges {
  /** Seconds, from the latest STUN consent check. */
  readonly currentRoundTripTime?: number;
  /** Bits per second. */
  readonly availableOutgoingBitrate?: number;
  readonly state?: string;
}

interface RtpView<Counter extends string, Gauges> {
  readonly id: string;
  readonly kind: MediaKind;
  readonly ssrc?: number;
  readonly counters: Counters<Counter>;
  readonly gauges: Gauges;
}

export type InboundRtpView = RtpView<InboundRtpCounter, InboundRtpGauges>;
export interface OutboundRtpView extends RtpView<OutboundRtpCounter, OutboundRtpGauges> {
  readonly remoteId?: string;
}
export interface RemoteInboundRtpView extends RtpView<RemoteInboundRtpCounter, RemoteInboundRtpGauges> {
  readonly localId?: string;
}

export interface CandidatePairView {
  readonly id: string;
  readonly localCandidateId?: string;
  readonly remoteCandidateId?: string;
  readonly nominated?: boolean;
  /** Firefox's non-standard flag for the pair in use. */
  readonly selected?: boolean;
  readonly counters: Counters<CandidatePairCounter>;
  readonly gauges: CandidatePairGauges;
}

export type StatsById = ReadonlyMap<string, RtcStats>;

function readCounters<Name extends string>(
  names: readonly Name[],
  ...sources: (RtcStats | undefined)[]
): Counters<Name> {
  const counters: Partial<Record<Name, number>> = {};
  for (const name of names) {
    for (const source of sources) {
      const value = readNumber(source, name);
      if (value !== undefined) {
        counters[name] = value;
        break;
      }
    }
  }
  return counters;
}

/**
 * `kind` (or the older `mediaType`); Safari leaves both empty on remote-inbound-rtp, so fall back
 * to the codec's MIME type, then to the local stream the object reports on.
 */
export function mediaKindOf(stats: RtcStats, byId: StatsById): MediaKind | undefined {
  const direct = readMediaKind(stats);
  if (direct) return direct;
  const codecId = readString(stats, 'codecId');
  const mimeType = codecId ? readString(byId.get(codecId), 'mimeType') : undefined;
  const fromCodec = mimeType?.split('/')[0];
  if (fromCodec === 'audio' || fromCodec === 'video') return fromCodec;
  const localId = readString(stats, 'localId');
  const local = localId ? byId.get(localId) : undefined;
  return local && local.id !== stats.id ? readMediaKind(local) : undefined;
}

export function viewInboundRtp(stats: RtcStats, byId: StatsById): InboundRtpView | undefined {
  const kind = mediaKindOf(stats, byId);
  if (stats.type !== 'inbound-rtp' || !kind) return undefined;
  // Chrome < M110 and Safari kept the audio/video receive counters on the deprecated `track`
  // object; read them from there when the RTP stream object lacks them.
  const trackId = readString(stats, 'trackId');
  const legacyTrack = trackId ? byId.get(trackId) : undefined;
  return {
    id: stats.id,
    kind,
    ssrc: readNumber(stats, 'ssrc'),
    counters: readCounters(INBOUND_RTP_COUNTERS, stats, legacyTrack?.type === 'track' ? legacyTrack : undefined),
    gauges: {
      jitter: readNumber(stats, 'jitter'),
      framesPerSecond: readNumber(stats, 'framesPerSecond'),
    },
  };
}

function readQualityLimitationDurations(stats: RtcStats): Counters<OutboundRtpCounter> {
  const durations = readNumberRecord(stats, 'qualityLimitationDurations');
  if (!durations) return {};
  const counters: Partial<Record<OutboundRtpCounter, number>> = {};
  for (const [reason, seconds] of Object.entries(durations)) {
    // Unknown future reasons are folded into `other` so the set of counters stays fixed.
    const known = (QUALITY_LIMITATION_REASONS as readonly string[]).includes(reason) ? reason : 'other';
    const key = `qualityLimitationDurations.${known as QualityLimitationReason}` as const;
    counters[key] = (counters[key] ?? 0) + seconds;
  }
  return counters;
}

export function viewOutboundRtp(stats: RtcStats, byId: StatsById): OutboundRtpView | undefined {
  const kind = mediaKindOf(stats, byId);
  if (stats.type !== 'outbound-rtp' || !kind) return undefined;
  return {
    id: stats.id,
    kind,
    ssrc: readNumber(stats, 'ssrc'),
    remoteId: readString(stats, 'remoteId'),
    counters: {
      ...readCounters(['packetsSent', 'bytesSent', 'framesEncoded'] as const, stats),
      ...readQualityLimitationDurations(stats),
    },
    gauges: {
      framesPerSecond: readNumber(stats, 'framesPerSecond'),
      qualityLimitationReason: readString(stats, 'qualityLimitationReason'),
    },
  };
}

export function viewRemoteInboundRtp(stats: RtcStats, byId: StatsById): RemoteInboundRtpView | undefined {
  const kind = mediaKindOf(stats, byId);
  if (stats.type !== 'remote-inbound-rtp' || !kind) return undefined;
  return {
    id: stats.id,
    kind,
    ssrc: readNumber(stats, 'ssrc'),
    localId: readString(stats, 'localId'),
    counters: readCounters(REMOTE_INBOUND_RTP_COUNTERS, stats),
    gauges: {
      roundTripTime: readNumber(stats, 'roundTripTime'),
      jitter: readNumber(stats, 'jitter'),
      fractionLost: readNumber(stats, 'fractionLost'),
    },
  };
}

export function viewCandidatePair(stats: RtcStats): CandidatePairView | undefined {
  if (stats.type !== 'candidate-pair') return undefined;
  return {
    id: stats.id,
    localCandidateId: readString(stats, 'localCandidateId'),
    remoteCandidateId: readString(stats, 'remoteCandidateId'),
    nominated: readBoolean(stats, 'nominated'),
    selected: readBoolean(stats, 'selected'),
    counters: readCounters(CANDIDATE_PAIR_COUNTERS, stats),
    gauges: {
      currentRoundTripTime: readNumber(stats, 'currentRoundTripTime'),
      availableOutgoingBitrate: readNumber(stats, 'availableOutgoingBitrate'),
      state: readString(stats, 'state'),
    },
  };
}
