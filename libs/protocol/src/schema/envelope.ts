import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { PROTOCOL_LIMITS, PROTOCOL_VERSION } from '../limits';
import { MessageSchema, type Message } from './messages';
import { EpochMsSchema, UuidSchema } from './primitives';

const headerProperties = {
  v: Type.Literal(PROTOCOL_VERSION),
  sessionId: UuidSchema,
  participantId: UuidSchema,
  /**
   * Per participant, strictly increasing for every new envelope; a resend reuses its seq so
   * the server can acknowledge it as a duplicate instead of storing it twice.
   */
  seq: Type.Integer({ minimum: 0, maximum: Number.MAX_SAFE_INTEGER }),
  /** When the envelope was (first) sent, client clock; used to estimate clock skew. */
  sentAt: EpochMsSchema,
};

export const EnvelopeHeaderSchema = Type.Object(headerProperties, {
  additionalProperties: false,
  title: 'EnvelopeHeader',
});

function envelopeOf<Item extends TSchema>(item: Item, title: string) {
  return Type.Object(
    {
      ...headerProperties,
      messages: Type.Array(item, { maxItems: PROTOCOL_LIMITS.maxMessagesPerEnvelope }),
    },
    { additionalProperties: false, title },
  );
}

export const EnvelopeSchema = envelopeOf(MessageSchema, 'Envelope');

/**
 * The envelope with its messages left unchecked (internal, not exported from the package):
 * the validator checks the header with it, then judges each message on its own.
 */
export const EnvelopeShellSchema = envelopeOf(Type.Unknown(), 'EnvelopeShell');

export type EnvelopeHeader = Static<typeof EnvelopeHeaderSchema>;
export type Envelope = EnvelopeHeader & { messages: Message[] };
