/** The only wire-protocol version this library speaks; envelopes carry it as `v`. */
export const PROTOCOL_VERSION = 1;

/**
 * Hard bounds written into the JSON Schema. They exist so that one envelope can never make
 * the server do unbounded work; the ingest transport still caps the raw frame size, because
 * unknown stats fields (kept on purpose) are not bounded by the schema.
 */
export const PROTOCOL_LIMITS = {
  /** Absolute ceiling; a server lowers it with `checkEnvelope(input, { maxMessages })`. */
  maxMessagesPerEnvelope: 1000,
  /** A busy SFU call reports ~100 objects per getStats(); 1000 leaves room without inviting abuse. */
  maxStatsPerMessage: 1000,
  maxFacilitatorNoteLength: 280,
  maxIdLength: 256,
  /** Enum-like browser strings (kind, state, qualityLimitationReason…). */
  maxShortStringLength: 64,
  /** Browser-provided descriptive strings (decoderImplementation, sdpFmtpLine…). */
  maxLongStringLength: 1024,
  maxCertificateLength: 16384,
  maxCollectorVersionLength: 32,
  /** Stops a single message from producing an unbounded list of issues. */
  maxIssuesPerMessage: 20,
} as const;
