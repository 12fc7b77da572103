/**
 * Minimal structural input types for W3C WebRTC statistics (https://www.w3.org/TR/webrtc-stats/).
 * libs/metrics depends on nothing of ours, so these are defined here rather than imported from the
 * wire protocol; anything that looks like an RTCStats object fits.
 */

/** One RTCStats object as a browser reports it. Every field other than these three is optional. */
export interface RtcStats {
  readonly id: string;
  readonly type: string;
  /** Epoch ms (a DOMHighResTimeStamp relative to the Unix epoch). */
  readonly timestamp: number;
  readonly [field: string]: unknown;
}

/** One getStats() result of one peer connection of one participant. */
export interface StatsReport {
  /** Event time: epoch ms when the client took the stats (not when the server received them). */
  readonly timestamp: number;
  /** Stats ids are only unique inside one RTCPeerConnection; absent means "the only one". */
  readonly peerConnectionId?: string;
  readonly stats: readonly RtcStats[];
}

export type MediaKind = 'audio' | 'video';

/**
 * `remote-inbound` is what the far end (peer or SFU) reports, through RTCP receiver reports, about
 * the media we send; it is the only source of outbound loss and of the RTCP round-trip time.
 */
export type TrackDirection = 'inbound' | 'outbound' | 'remote-inbound';
