import type { BaselineReason } from './counter-deltas';
import type { MediaKind } from './rtc-stats';
import type {
  CandidatePairCounter,
  CandidatePairGauges,
  Counters,
  InboundRtpCounter,
  InboundRtpGauges,
  OutboundRtpCounter,
  OutboundRtpGauges,
  RemoteInboundRtpCounter,
  RemoteInboundRtpGauges,
} from './stats-views';

/*
 * What the normaliser makes of one stats report: per-track counter deltas since the previous report
 * of the same peer connection, and gauges as reported. Deltas keep W3C names and units (seconds,
 * bytes, packets); a counter absent from `deltas` is unknown for this interval, which is not the
 * same as zero.
 */

interface TrackIntervalCommon {
  readonly statsId: string;
  readonly kind: MediaKind;
  readonly ssrc?: number;
  /** Set when this object has no deltas this interval (see BaselineReason). */
  readonly baselineReason?: BaselineReason;
}

/** Media we receive (one per remote track we get from a peer or the SFU). */
export interface InboundTrackInterval extends TrackIntervalCommon {
  readonly direction: 'inbound';
  readonly deltas: Counters<InboundRtpCounter>;
  readonly gauges: InboundRtpGauges;
}

/** Media we send (one per simulcast layer for video). */
export interface OutboundTrackInterval extends TrackIntervalCommon {
  readonly direction: 'outbound';
  readonly deltas: Counters<OutboundRtpCounter>;
  readonly gauges: OutboundRtpGauges;
}

/** What the far end reports about one of our outbound streams (RTCP receiver reports). */
export interface RemoteInboundTrackInterval extends TrackIntervalCommon {
  readonly direction: 'remote-inbound';
  readonly deltas: Counters<RemoteInboundRtpCounter>;
  readonly gauges: RemoteInboundRtpGauges;
  /** The outbound-rtp this report is about, when it could be matched. */
  readonly localStatsId?: string;
  /** ΔpacketsSent of that outbound-rtp this interval: the denominator of outbound loss. */
  readonly localPacketsSent?: number;
}

export type TrackInterval = InboundTrackInterval | OutboundTrackInterval | RemoteInboundTrackInterval;

export interface CandidatePairInterval {
  readonly statsId: string;
  readonly baselineReason?: BaselineReason;
  readonly deltas: Counters<CandidatePairCounter>;
  readonly gauges: CandidatePairGauges;
  /** A different pair than in the previous report of this peer connection (ICE restart, network change). */
  readonly changed: boolean;
  readonly localCandidateType?: string;
  readonly remoteCandidateType?: string;
}

export interface NormalizedInterval {
  /** Event time (epoch ms) of the report that ends this interval. */
  readonly timestamp: number;
  readonly peerConnectionId: string;
  /** Seconds since the previous report of this peer connection; 0 for its first report. */
  readonly intervalSeconds: number;
  readonly tracks: readonly TrackInterval[];
  /** The selected ICE candidate pair, when one could be found. */
  readonly candidatePair?: CandidatePairInterval;
}
