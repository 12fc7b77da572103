export type { RtcStats, StatsReport, MediaKind, TrackDirection } from './rtc-stats';
export { readNumber, readString, readBoolean, readNumberRecord, readMediaKind } from './read-field';
export {
  QUALITY_LIMITATION_REASONS,
  INBOUND_RTP_COUNTERS,
  OUTBOUND_RTP_COUNTERS,
  REMOTE_INBOUND_RTP_COUNTERS,
  CANDIDATE_PAIR_COUNTERS,
  COUNTERS_THAT_MAY_DECREASE,
  mediaKindOf,
  forEachQualityLimitationDuration,
  ReportObjects,
  viewInboundRtp,
  viewOutboundRtp,
  viewRemoteInboundRtp,
  viewCandidatePair,
} from './stats-views';
export type {
  QualityLimitationReason,
  InboundRtpCounter,
  OutboundRtpCounter,
  RemoteInboundRtpCounter,
  CandidatePairCounter,
  Counters,
  InboundRtpGauges,
  OutboundRtpGauges,
  RemoteInboundRtpGauges,
  CandidatePairGauges,
  InboundRtpView,
  OutboundRtpView,
  RemoteInboundRtpView,
  CandidatePairView,
  StatsById,
} from './stats-views';
export { counterDeltas } from './counter-deltas';
export type { CounterBaseline, BaselineReason, CounterDeltas } from './counter-deltas';
export { findSelectedCandidatePair, selectedCandidatePairStats, candidateType } from './selected-candidate-pair';
export type {
  NormalizedInterval,
  TrackInterval,
  InboundTrackInterval,
  OutboundTrackInterval,
  RemoteInboundTrackInterval,
  CandidatePairInterval,
} from './normalized-interval';
export {
  normalizeReport,
  INITIAL_NORMALIZER_STATE,
  DEFAULT_NORMALIZE_OPTIONS,
  DEFAULT_PEER_CONNECTION_ID,
  validStats,
} from './normalize-report';
export type { NormalizerState, NormalizeStep, NormalizeOptions } from './normalize-report';
export { normalizeStats } from './normalize-stats.operator';
