import { Type } from '@sinclair/typebox';
import { PROTOCOL_LIMITS } from '../../limits';
import { statsBoolean, statsLongString, statsNumber, statsObject, statsReference, statsShortString } from './base';

export const CandidatePairStatsSchema = statsObject('candidate-pair', {
  transportId: statsReference(),
  localCandidateId: statsReference(),
  remoteCandidateId: statsReference(),
  /** "frozen" | "waiting" | "in-progress" | "failed" | "succeeded"; Firefox sends "inprogress". */
  state: statsShortString(),
  nominated: statsBoolean(),
  packetsSent: statsNumber(),
  packetsReceived: statsNumber(),
  bytesSent: statsNumber(),
  bytesReceived: statsNumber(),
  lastPacketSentTimestamp: statsNumber(),
  lastPacketReceivedTimestamp: statsNumber(),
  /** Seconds (the "ICE RTT", from STUN consent checks). */
  currentRoundTripTime: statsNumber(),
  totalRoundTripTime: statsNumber(),
  availableOutgoingBitrate: statsNumber(),
  availableIncomingBitrate: statsNumber(),
  requestsReceived: statsNumber(),
  requestsSent: statsNumber(),
  responsesReceived: statsNumber(),
  responsesSent: statsNumber(),
  consentRequestsSent: statsNumber(),
  packetsDiscardedOnSend: statsNumber(),
  bytesDiscardedOnSend: statsNumber(),
});

export const TransportStatsSchema = statsObject('transport', {
  packetsSent: statsNumber(),
  packetsReceived: statsNumber(),
  bytesSent: statsNumber(),
  bytesReceived: statsNumber(),
  /** RTCIceTransportState: "new" | "checking" | "connected" | "completed" | "disconnected" | "failed" | "closed". */
  iceState: statsShortString(),
  iceRole: statsShortString(),
  /** RTCDtlsTransportState: "new" | "connecting" | "connected" | "closed" | "failed". */
  dtlsState: statsShortString(),
  dtlsRole: statsShortString(),
  selectedCandidatePairId: statsReference(),
  selectedCandidatePairChanges: statsNumber(),
  localCertificateId: statsReference(),
  remoteCertificateId: statsReference(),
  tlsVersion: statsShortString(),
  dtlsCipher: statsShortString(),
  srtpCipher: statsShortString(),
});

/**
 * Candidate stats also carry `address`, `port`, `url`, `relatedAddress` and `usernameFragment`;
 * they are deliberately left untyped, and collectors drop them (PRIVACY_SENSITIVE_STATS_FIELDS).
 */
const iceCandidateFields = {
  transportId: statsReference(),
  /** "host" | "srflx" | "prflx" | "relay": relay tells the metrics a member sits behind TURN. */
  candidateType: statsShortString(),
  protocol: statsShortString(),
  relayProtocol: statsShortString(),
  /** Non-standard (Chrome): "ethernet" | "wifi" | "cellular" | "vpn" | … */
  networkType: statsShortString(),
  priority: statsNumber(),
};

export const LocalCandidateStatsSchema = statsObject('local-candidate', iceCandidateFields);
export const RemoteCandidateStatsSchema = statsObject('remote-candidate', iceCandidateFields);

export const PeerConnectionStatsSchema = statsObject('peer-connection', {
  dataChannelsOpened: statsNumber(),
  dataChannelsClosed: statsNumber(),
});

export const DataChannelStatsSchema = statsObject('data-channel', {
  label: statsLongString(),
  protocol: statsLongString(),
  dataChannelIdentifier: statsNumber(),
  state: statsShortString(),
  messagesSent: statsNumber(),
  bytesSent: statsNumber(),
  messagesReceived: statsNumber(),
  bytesReceived: statsNumber(),
});

export const CertificateStatsSchema = statsObject('certificate', {
  fingerprint: statsLongString(),
  fingerprintAlgorithm: statsShortString(),
  base64Certificate: Type.Optional(Type.String({ maxLength: PROTOCOL_LIMITS.maxCertificateLength })),
  issuerCertificateId: statsReference(),
});
