import { Type } from '@sinclair/typebox';
import { statsBoolean, statsLongString, statsNumber, statsObject, statsReference, statsShortString } from './base';

/** RTCRtpStreamStats: shared by the four RTP stream types. */
const rtpStreamFields = {
  ssrc: statsNumber(),
  /** "audio" | "video"; Safari sends "" on remote-inbound-rtp. */
  kind: statsShortString(),
  transportId: statsReference(),
  codecId: statsReference(),
};

/** RTCReceivedRtpStreamStats. */
const receivedRtpFields = {
  ...rtpStreamFields,
  packetsReceived: statsNumber(),
  /** Signed in the spec: duplicates can make it negative. */
  packetsLost: statsNumber(),
  /** Seconds. */
  jitter: statsNumber(),
};

/** RTCSentRtpStreamStats. */
const sentRtpFields = {
  ...rtpStreamFields,
  packetsSent: statsNumber(),
  bytesSent: statsNumber(),
};

export const InboundRtpStatsSchema = statsObject('inbound-rtp', {
  ...receivedRtpFields,
  trackIdentifier: statsReference(),
  mid: statsShortString(),
  remoteId: statsReference(),
  playoutId: statsReference(),
  packetsDiscarded: statsNumber(),
  bytesReceived: statsNumber(),
  headerBytesReceived: statsNumber(),
  lastPacketReceivedTimestamp: statsNumber(),
  nackCount: statsNumber(),
  firCount: statsNumber(),
  pliCount: statsNumber(),
  jitterBufferDelay: statsNumber(),
  jitterBufferTargetDelay: statsNumber(),
  jitterBufferMinimumDelay: statsNumber(),
  jitterBufferEmittedCount: statsNumber(),
  // audio
  totalSamplesReceived: statsNumber(),
  concealedSamples: statsNumber(),
  silentConcealedSamples: statsNumber(),
  concealmentEvents: statsNumber(),
  insertedSamplesForDeceleration: statsNumber(),
  removedSamplesForAcceleration: statsNumber(),
  audioLevel: statsNumber(),
  totalAudioEnergy: statsNumber(),
  totalSamplesDuration: statsNumber(),
  // video
  framesReceived: statsNumber(),
  framesDecoded: statsNumber(),
  keyFramesDecoded: statsNumber(),
  framesDropped: statsNumber(),
  frameWidth: statsNumber(),
  frameHeight: statsNumber(),
  framesPerSecond: statsNumber(),
  totalDecodeTime: statsNumber(),
  freezeCount: statsNumber(),
  totalFreezesDuration: statsNumber(),
  pauseCount: statsNumber(),
  totalPausesDuration: statsNumber(),
  decoderImplementation: statsLongString(),
});

export const OutboundRtpStatsSchema = statsObject('outbound-rtp', {
  ...sentRtpFields,
  mid: statsShortString(),
  rid: statsShortString(),
  mediaSourceId: statsReference(),
  remoteId: statsReference(),
  headerBytesSent: statsNumber(),
  retransmittedPacketsSent: statsNumber(),
  retransmittedBytesSent: statsNumber(),
  targetBitrate: statsNumber(),
  totalPacketSendDelay: statsNumber(),
  nackCount: statsNumber(),
  firCount: statsNumber(),
  pliCount: statsNumber(),
  active: statsBoolean(),
  // video
  framesEncoded: statsNumber(),
  keyFramesEncoded: statsNumber(),
  framesSent: statsNumber(),
  hugeFramesSent: statsNumber(),
  frameWidth: statsNumber(),
  frameHeight: statsNumber(),
  framesPerSecond: statsNumber(),
  totalEncodeTime: statsNumber(),
  /** "none" | "cpu" | "bandwidth" | "other". */
  qualityLimitationReason: statsShortString(),
  /** Seconds spent in each qualityLimitationReason. */
  qualityLimitationDurations: Type.Optional(Type.Record(Type.String(), Type.Number(), { maxProperties: 16 })),
  qualityLimitationResolutionChanges: statsNumber(),
  encoderImplementation: statsLongString(),
  scalabilityMode: statsShortString(),
});

export const RemoteInboundRtpStatsSchema = statsObject('remote-inbound-rtp', {
  ...receivedRtpFields,
  localId: statsReference(),
  /** Seconds, from RTCP receiver reports (the "RTCP RTT", kept apart from the ICE RTT). */
  roundTripTime: statsNumber(),
  totalRoundTripTime: statsNumber(),
  roundTripTimeMeasurements: statsNumber(),
  /** A fraction (0–1) over the last RTCP interval, not a percentage. */
  fractionLost: statsNumber(),
});

export const RemoteOutboundRtpStatsSchema = statsObject('remote-outbound-rtp', {
  ...sentRtpFields,
  localId: statsReference(),
  remoteTimestamp: statsNumber(),
  reportsSent: statsNumber(),
  roundTripTime: statsNumber(),
  totalRoundTripTime: statsNumber(),
  roundTripTimeMeasurements: statsNumber(),
});
