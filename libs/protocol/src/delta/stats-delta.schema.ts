import { Type, type Static } from '@sinclair/typebox';
import { PROTOCOL_LIMITS } from '../limits';
import { EpochMsSchema, StatsIdSchema } from '../schema/primitives';

/** The wire form of a delta-compressed stats message; the rules are in ./stats-delta.ts. */
export const StatsDeltaMessageSchema = Type.Object(
  {
    kind: Type.Literal('stats'),
    timestamp: EpochMsSchema,
    peerConnectionId: Type.Optional(StatsIdSchema),
    /** The seq of the acknowledged envelope whose stats message (same peer connection) is the baseline. */
    deltaOf: Type.Integer({ minimum: 0 }),
    stats: Type.Array(
      Type.Object({ id: StatsIdSchema }, { additionalProperties: true, description: 'Changed fields only.' }),
      { maxItems: PROTOCOL_LIMITS.maxStatsPerMessage },
    ),
    removed: Type.Optional(Type.Array(StatsIdSchema, { maxItems: PROTOCOL_LIMITS.maxStatsPerMessage })),
  },
  {
    additionalProperties: false,
    title: 'StatsDeltaMessage',
    description: 'A stats report sent as the changes since an acknowledged baseline report.',
  },
);

/** Static<> cannot express "any other fields", so the objects' type is spelled out. */
export type StatsDeltaMessage = Omit<Static<typeof StatsDeltaMessageSchema>, 'stats'> & {
  stats: Array<{ id: string } & Record<string, unknown>>;
};
