// Wire protocol v1: one TypeBox definition gives the TypeScript types, the JSON Schemas
// (plain objects, usable in OpenAPI) and the compiled validator. See docs/protocol.md.

export { PROTOCOL_LIMITS, PROTOCOL_VERSION } from './limits';

export { EnvelopeHeaderSchema, EnvelopeSchema, type Envelope, type EnvelopeHeader } from './schema/envelope';
export {
  ClientInfoSchema,
  JoinMessageSchema,
  LEAVE_REASONS,
  LeaveMessageSchema,
  MESSAGE_KINDS,
  MessageSchema,
  StatsMessageSchema,
  UtteranceMessageSchema,
  type ClientInfo,
  type JoinMessage,
  type LeaveMessage,
  type LeaveReason,
  type Message,
  type MessageKind,
  type StatsMessage,
  type UtteranceMessage,
} from './schema/messages';
export * from './schema/client-event';
export * from './schema/facilitator-event';
export { EpochMsSchema, UUID_PATTERN, UuidSchema } from './schema/primitives';
export * from './schema/rtc-stats';
export * from './schema/rtc-stats/privacy';

export * from './transport';
export * from './ingest-subprotocol';

export { checkEnvelope, type CheckEnvelopeOptions, type EnvelopeCheck } from './validation/check-envelope';
export { toIngestAck } from './validation/ingest-ack';
export { checkEnvelopeJson, parseEnvelopeJson, type ParsedJson } from './validation/parse-json';

export { StatsDeltaMessageSchema, type StatsDeltaMessage } from './delta/stats-delta.schema';
export {
  encodeStatsDelta,
  resolveStatsDelta,
  type EncodedStatsDelta,
  type ResolvedStatsDelta,
  type StatsObject,
} from './delta/stats-delta';
