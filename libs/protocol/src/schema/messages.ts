import { Type, type Static, type TSchema } from '@sinclair/typebox';
import { PROTOCOL_LIMITS } from '../limits';
import { ClientEventMessageSchema, type ClientEventMessage } from './client-event';
import { FacilitatorEventMessageSchema, type FacilitatorEventMessage } from './facilitator-event';
import { EpochMsSchema, StatsIdSchema } from './primitives';
import { RtcStatsSchema, type RtcStats } from './rtc-stats';

function statsMessageOf<Item extends TSchema>(item: Item, title: string) {
  return Type.Object(
    {
      kind: Type.Literal('stats'),
      /** When getStats() resolved, client clock: the event time the metrics run on. */
      timestamp: EpochMsSchema,
      /** The collector's own id for the RTCPeerConnection; a member in a mesh call has several. */
      peerConnectionId: Type.Optional(StatsIdSchema),
      stats: Type.Array(item, { minItems: 1, maxItems: PROTOCOL_LIMITS.maxStatsPerMessage }),
    },
    { additionalProperties: false, title, description: 'One full (not delta) getStats() report.' },
  );
}

export const StatsMessageSchema = statsMessageOf(RtcStatsSchema, 'StatsMessage');

/** The stats message with its stats objects unchecked, so each can be checked by its own type. */
export const StatsMessageShellSchema = statsMessageOf(Type.Unknown(), 'StatsMessageShell');

export const UtteranceMessageSchema = Type.Object(
  {
    kind: Type.Literal('utterance'),
    start: EpochMsSchema,
    /** Must not precede `start` (checked after the schema). */
    end: EpochMsSchema,
  },
  {
    additionalProperties: false,
    title: 'UtteranceMessage',
    description: "A stretch of speech found by the member's local voice-activity detection: times only.",
  },
);

export const ClientInfoSchema = Type.Object(
  {
    platform: Type.Optional(Type.Union([Type.Literal('desktop'), Type.Literal('mobile')])),
    collectorVersion: Type.Optional(
      Type.String({ minLength: 1, maxLength: PROTOCOL_LIMITS.maxCollectorVersionLength, pattern: '^[0-9A-Za-z.+-]+$' }),
    ),
  },
  {
    additionalProperties: false,
    description: 'Coarse client facts. Never a user agent: it fingerprints the member.',
  },
);

export const JoinMessageSchema = Type.Object(
  { kind: Type.Literal('join'), at: EpochMsSchema, client: Type.Optional(ClientInfoSchema) },
  { additionalProperties: false, title: 'JoinMessage', description: 'The member joined the call.' },
);

export const LEAVE_REASONS = ['hangup', 'page-closed', 'kicked', 'error'] as const;

export const LeaveMessageSchema = Type.Object(
  {
    kind: Type.Literal('leave'),
    at: EpochMsSchema,
    reason: Type.Optional(Type.Union(LEAVE_REASONS.map((reason) => Type.Literal(reason)))),
  },
  { additionalProperties: false, title: 'LeaveMessage', description: 'The member left the call.' },
);

export const MessageSchema = Type.Union(
  [
    StatsMessageSchema,
    UtteranceMessageSchema,
    ClientEventMessageSchema,
    FacilitatorEventMessageSchema,
    JoinMessageSchema,
    LeaveMessageSchema,
  ],
  { title: 'Message', discriminator: { propertyName: 'kind' } },
);

/** Static<> would drop the index signature that says unknown stats fields are kept. */
export type StatsMessage = Omit<Static<typeof StatsMessageSchema>, 'stats'> & { stats: RtcStats[] };
export type UtteranceMessage = Static<typeof UtteranceMessageSchema>;
export type JoinMessage = Static<typeof JoinMessageSchema>;
export type LeaveMessage = Static<typeof LeaveMessageSchema>;
export type LeaveReason = (typeof LEAVE_REASONS)[number];
export type ClientInfo = Static<typeof ClientInfoSchema>;

export type Message =
  StatsMessage | UtteranceMessage | ClientEventMessage | FacilitatorEventMessage | JoinMessage | LeaveMessage;

export type MessageKind = Message['kind'];

export const MESSAGE_KINDS: readonly MessageKind[] = [
  'stats',
  'utterance',
  'client-event',
  'facilitator-event',
  'join',
  'leave',
];
