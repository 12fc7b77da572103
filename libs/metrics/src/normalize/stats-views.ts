import { readBoolean, readMediaKind, readNumber, readString } from './read-field';
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

/** Stats objects by id (a Map will do); a later object of the same id replaces an earlier one. */
export interface StatsById {
  get(id: string): RtcStats | undefined;
}

/**
 * The objects of one report by id, without building a Map per report: a report has a dozen or
 * so objects and the normaliser looks up three or four of them (the selected pair, its
 * candidates), so scanning, from the end so that the last object of an id wins, costs less than
 * hashing every id into a new Map.
 */
export class ReportObjects implements StatsById {
  constructor(private readonly stats: readonly RtcStats[]) {}

  get(id: string): RtcStats | undefined {
    const stats = this.stats;
    for (let index = stats.length - 1; index >= 0; index--) if (stats[index].id === id) return stats[index];
    return undefined;
  }
}

/**
 * The finite numeric counters among `names`, from `stats`, else from `fallback` (the legacy track
 * object). Only numbers are stored, never undefined: the normaliser keeps this object as the next
 * baseline as it is, without copying it.
 */
function readCounters<Name extends string>(
  names: readonly Name[],
  stats: RtcStats,
  fallback?: RtcStats,
): Partial<Record<Name, number>> {
  const counters: Partial<Record<Name, number>> = {};
  for (const name of names) {
    const value = readNumber(stats, name) ?? readNumber(fallback, name);
    if (value !== undefined) counters[name] = value;
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

// Each view checks the type before the kind: the normaliser offers every object to several views,
// and the kind lookup (codec, linked objects) is the costly part.

export function viewInboundRtp(stats: RtcStats, byId: StatsById): InboundRtpView | undefined {
  if (stats.type !== 'inbound-rtp') return undefined;
  const kind = mediaKindOf(stats, byId);
  if (!kind) return undefined;
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

const OUTBOUND_RTP_PLAIN_COUNTERS = ['packetsSent', 'bytesSent', 'framesEncoded'] as const;

/** Adds `qualityLimitationDurations.<reason>` counters to `counters` (finite entries only). */
function addQualityLimitationDurations(stats: RtcStats, counters: Partial<Record<OutboundRtpCounter, number>>): void {
  forEachQualityLimitationDuration(stats, (reason, seconds) => {
    const key = QUALITY_LIMITATION_COUNTER_OF[reason];
    counters[key] = (counters[key] ?? 0) + seconds;
  });
}

/**
 * Each finite entry of an outbound-rtp's `qualityLimitationDurations`, by reason. Unknown future
 * reasons are folded into `other` so the set of counters stays fixed.
 */
export function forEachQualityLimitationDuration(
  stats: RtcStats,
  add: (reason: QualityLimitationReason, seconds: number) => void,
): void {
  const durations = stats.qualityLimitationDurations;
  if (typeof durations !== 'object' || durations === null || Array.isArray(durations)) return;
  const entries = durations as Readonly<Record<string, unknown>>;
  // for…in rather than Object.entries: no array per report (own keys only, as Object.entries).
  for (const reason in entries) {
    if (!Object.prototype.hasOwnProperty.call(entries, reason)) continue;
    const seconds = entries[reason];
    if (typeof seconds !== 'number' || !Number.isFinite(seconds)) continue;
    add(isQualityLimitationReason(reason) ? reason : 'other', seconds);
  }
}

/** Counter names built once: a key built per report is a new string V8 must look up the slow way. */
const QUALITY_LIMITATION_COUNTER_OF: Readonly<Record<QualityLimitationReason, OutboundRtpCounter>> = {
  none: 'qualityLimitationDurations.none',
  cpu: 'qualityLimitationDurations.cpu',
  bandwidth: 'qualityLimitationDurations.bandwidth',
  other: 'qualityLimitationDurations.other',
};

function isQualityLimitationReason(reason: string): reason is QualityLimitationReason {
  return reason === 'none' || reason === 'cpu' || reason === 'bandwidth' || reason === 'other';
}

export function viewOutboundRtp(stats: RtcStats, byId: StatsById): OutboundRtpView | undefined {
  if (stats.type !== 'outbound-rtp') return undefined;
  const kind = mediaKindOf(stats, byId);
  if (!kind) return undefined;
  return {
    id: stats.id,
    kind,
    ssrc: readNumber(stats, 'ssrc'),
    remoteId: readString(stats, 'remoteId'),
    counters: outboundCounters(stats),
    gauges: {
      framesPerSecond: readNumber(stats, 'framesPerSecond'),
      qualityLimitationReason: readString(stats, 'qualityLimitationReason'),
    },
  };
}

function outboundCounters(stats: RtcStats): Counters<OutboundRtpCounter> {
  const counters = readCounters<OutboundRtpCounter>(OUTBOUND_RTP_PLAIN_COUNTERS, stats);
  addQualityLimitationDurations(stats, counters);
  return counters;
}

export function viewRemoteInboundRtp(stats: RtcStats, byId: StatsById): RemoteInboundRtpView | undefined {
  if (stats.type !== 'remote-inbound-rtp') return undefined;
  const kind = mediaKindOf(stats, byId);
  if (!kind) return undefined;
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
