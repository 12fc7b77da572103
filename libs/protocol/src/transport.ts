import { Type, type Static } from '@sinclair/typebox';

export const ValidationIssueSchema = Type.Object(
  {
    /** JSON Pointer (RFC 6901) from the envelope root, e.g. "/messages/2/stats/0/packetsLost"; "" is the root. */
    path: Type.String(),
    /** One human-readable sentence, safe to show a developer: it never echoes string values. */
    reason: Type.String(),
  },
  { additionalProperties: false, title: 'ValidationIssue' },
);

export type ValidationIssue = Static<typeof ValidationIssueSchema>;

export const RejectedMessageSchema = Type.Object(
  { index: Type.Integer({ minimum: 0 }), issues: Type.Array(ValidationIssueSchema) },
  { additionalProperties: false, title: 'RejectedMessage' },
);

export type RejectedMessage = Static<typeof RejectedMessageSchema>;

export const INGEST_ACK_STATUSES = ['accepted', 'partial', 'duplicate', 'rejected'] as const;

/**
 * The answer to one envelope, over HTTP (one per envelope of a batch) or WebSocket (as an
 * `ack` frame). `accepted`: every message stored. `partial`: some messages rejected, the rest
 * stored. `duplicate`: this seq was received before (`rejected` repeats what of it was not
 * stored). `rejected`: nothing stored — the envelope itself is invalid (see envelopeIssues) or
 * every message was. In no case does resending the same envelope help; only transport errors
 * (IngestErrorFrame) are worth a retry.
 */
export const IngestAckSchema = Type.Object(
  {
    /** The envelope's seq; null when the envelope was too broken to read one. */
    seq: Type.Union([Type.Integer({ minimum: 0 }), Type.Null()]),
    status: Type.Union(INGEST_ACK_STATUSES.map((status) => Type.Literal(status))),
    /** How many messages were stored. */
    accepted: Type.Integer({ minimum: 0 }),
    rejected: Type.Array(RejectedMessageSchema),
    envelopeIssues: Type.Optional(Type.Array(ValidationIssueSchema)),
  },
  { additionalProperties: false, title: 'IngestAck' },
);

export type IngestAck = Static<typeof IngestAckSchema>;
export type IngestAckStatus = IngestAck['status'];

export const IngestAckFrameSchema = Type.Composite([Type.Object({ type: Type.Literal('ack') }), IngestAckSchema], {
  additionalProperties: false,
  title: 'IngestAckFrame',
});

export type IngestAckFrame = Static<typeof IngestAckFrameSchema>;

/** Failures that are not about one envelope's content; the collector's reaction differs per code. */
export const INGEST_ERROR_CODES = [
  'malformed-json', // fix the collector; resending the same bytes cannot succeed
  'invalid-input', // e.g. a binary frame; same
  'payload-too-large', // split the envelope
  'rate-limited', // resend after retryAfterMs
  'internal', // resend later
] as const;

export const IngestErrorFrameSchema = Type.Object(
  {
    type: Type.Literal('error'),
    code: Type.Union(INGEST_ERROR_CODES.map((code) => Type.Literal(code))),
    reason: Type.String(),
    /** The envelope's seq when it could be read, so the collector knows which one to resend. */
    seq: Type.Optional(Type.Integer({ minimum: 0 })),
    retryAfterMs: Type.Optional(Type.Integer({ minimum: 0 })),
  },
  { additionalProperties: false, title: 'IngestErrorFrame' },
);

export type IngestErrorFrame = Static<typeof IngestErrorFrameSchema>;
export type IngestErrorCode = IngestErrorFrame['code'];

/** Every frame the server sends on the ingest WebSocket. */
export type IngestServerFrame = IngestAckFrame | IngestErrorFrame;
