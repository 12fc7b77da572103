import { Type, type Static } from '@sinclair/typebox';
import { PROTOCOL_LIMITS } from '../../limits';
import { StatsIdSchema } from '../primitives';
import { StatsTimestampSchema } from './base';
import {
  CandidatePairStatsSchema,
  CertificateStatsSchema,
  DataChannelStatsSchema,
  LocalCandidateStatsSchema,
  PeerConnectionStatsSchema,
  RemoteCandidateStatsSchema,
  TransportStatsSchema,
} from './connection';
import { CodecStatsSchema, MediaPlayoutStatsSchema, MediaSourceStatsSchema } from './media';
import {
  InboundRtpStatsSchema,
  OutboundRtpStatsSchema,
  RemoteInboundRtpStatsSchema,
  RemoteOutboundRtpStatsSchema,
} from './rtp';

export * from './connection';
export * from './media';
export * from './rtp';

/** Ordered by how often each type appears in a report, so the compiled union matches early. */
export const KNOWN_STATS_SCHEMAS = [
  InboundRtpStatsSchema,
  OutboundRtpStatsSchema,
  RemoteInboundRtpStatsSchema,
  CodecStatsSchema,
  CandidatePairStatsSchema,
  LocalCandidateStatsSchema,
  RemoteCandidateStatsSchema,
  MediaSourceStatsSchema,
  RemoteOutboundRtpStatsSchema,
  TransportStatsSchema,
  MediaPlayoutStatsSchema,
  CertificateStatsSchema,
  PeerConnectionStatsSchema,
  DataChannelStatsSchema,
] as const;

export type KnownRtcStatsType = (typeof KNOWN_STATS_SCHEMAS)[number]['properties']['type']['const'];

export const KNOWN_STATS_TYPES: readonly KnownRtcStatsType[] = KNOWN_STATS_SCHEMAS.map(
  (schema) => schema.properties.type.const,
);

/**
 * Any other stats type (track, stream, legacy goog* objects, types not invented yet) is kept and
 * checked only against the RTCStats base. Excluding the known names here is what makes a
 * malformed inbound-rtp fail instead of slipping through as "some other type".
 */
export const OtherRtcStatsSchema = Type.Object(
  {
    type: Type.Intersect([
      Type.String({ minLength: 1, maxLength: PROTOCOL_LIMITS.maxShortStringLength }),
      Type.Not(Type.Union(KNOWN_STATS_TYPES.map((type) => Type.Literal(type)))),
    ]),
    id: StatsIdSchema,
    timestamp: StatsTimestampSchema,
  },
  { additionalProperties: true, title: 'RTCStats (any other type)' },
);

export const RtcStatsSchema = Type.Union([...KNOWN_STATS_SCHEMAS, OtherRtcStatsSchema], {
  title: 'RtcStats',
  discriminator: { propertyName: 'type' },
});

/** Unknown fields are kept on every stats object and reach the pipeline unchanged. */
type WithUnknownFields<T> = T & { [field: string]: unknown };

export type RtcInboundRtpStats = WithUnknownFields<Static<typeof InboundRtpStatsSchema>>;
export type RtcOutboundRtpStats = WithUnknownFields<Static<typeof OutboundRtpStatsSchema>>;
export type RtcRemoteInboundRtpStats = WithUnknownFields<Static<typeof RemoteInboundRtpStatsSchema>>;
export type RtcRemoteOutboundRtpStats = WithUnknownFields<Static<typeof RemoteOutboundRtpStatsSchema>>;
export type RtcCandidatePairStats = WithUnknownFields<Static<typeof CandidatePairStatsSchema>>;
export type RtcTransportStats = WithUnknownFields<Static<typeof TransportStatsSchema>>;
export type RtcMediaSourceStats = WithUnknownFields<Static<typeof MediaSourceStatsSchema>>;
export type RtcMediaPlayoutStats = WithUnknownFields<Static<typeof MediaPlayoutStatsSchema>>;
export type RtcCodecStats = WithUnknownFields<Static<typeof CodecStatsSchema>>;
export type RtcLocalCandidateStats = WithUnknownFields<Static<typeof LocalCandidateStatsSchema>>;
export type RtcRemoteCandidateStats = WithUnknownFields<Static<typeof RemoteCandidateStatsSchema>>;
export type RtcPeerConnectionStats = WithUnknownFields<Static<typeof PeerConnectionStatsSchema>>;
export type RtcDataChannelStats = WithUnknownFields<Static<typeof DataChannelStatsSchema>>;
export type RtcCertificateStats = WithUnknownFields<Static<typeof CertificateStatsSchema>>;
export type RtcOtherStats = WithUnknownFields<Static<typeof OtherRtcStatsSchema>>;

export interface KnownRtcStatsByType {
  'inbound-rtp': RtcInboundRtpStats;
  'outbound-rtp': RtcOutboundRtpStats;
  'remote-inbound-rtp': RtcRemoteInboundRtpStats;
  'remote-outbound-rtp': RtcRemoteOutboundRtpStats;
  'candidate-pair': RtcCandidatePairStats;
  transport: RtcTransportStats;
  'media-source': RtcMediaSourceStats;
  'media-playout': RtcMediaPlayoutStats;
  codec: RtcCodecStats;
  'local-candidate': RtcLocalCandidateStats;
  'remote-candidate': RtcRemoteCandidateStats;
  'peer-connection': RtcPeerConnectionStats;
  'data-channel': RtcDataChannelStats;
  certificate: RtcCertificateStats;
}

export type RtcStats = KnownRtcStatsByType[KnownRtcStatsType] | RtcOtherStats;

/**
 * Narrows a validated stats object by its type. A plain `stats.type === 'inbound-rtp'` cannot
 * narrow, because RtcOtherStats has `type: string`; validation guarantees the guard is sound.
 */
export function isStatsOfType<StatsType extends KnownRtcStatsType>(
  stats: RtcStats,
  type: StatsType,
): stats is KnownRtcStatsByType[StatsType] {
  return stats.type === type;
}
