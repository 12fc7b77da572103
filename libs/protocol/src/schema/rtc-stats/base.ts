import { Type, type TLiteral, type TNumber, type TObject, type TProperties, type TString } from '@sinclair/typebox';
import { LongStringSchema, ShortStringSchema, StatsIdSchema } from '../primitives';

/**
 * Numbers in browser stats are checked for JSON type and finiteness only. Ranges and integer-ness
 * are the browser's business: packetsLost is legitimately negative, and rejecting a whole report
 * because a counter arrived as 3.0000001 would lose more than it protects.
 */
export const statsNumber = () => Type.Optional(Type.Number());
export const statsBoolean = () => Type.Optional(Type.Boolean());
export const statsShortString = () => Type.Optional(ShortStringSchema);
export const statsLongString = () => Type.Optional(LongStringSchema);
/** A reference to another stats object of the same report (transportId, codecId, remoteId…). */
export const statsReference = () => Type.Optional(StatsIdSchema);

/**
 * DOMHighResTimeStamp in the browser's time base. Only finiteness and sign are checked: the
 * message-level `timestamp` is the clock the pipeline trusts.
 */
export const StatsTimestampSchema = Type.Number({ minimum: 0 });

export type StatsObjectSchema<Kind extends string, Fields extends TProperties> = TObject<
  { type: TLiteral<Kind>; id: TString; timestamp: TNumber } & Fields
>;

/**
 * One W3C RTCStats dictionary. `type` comes first so that the compiled union rejects the
 * wrong branches on their first comparison. Unknown fields are allowed: browsers add fields
 * faster than any schema, and the pipeline ignores what it does not use.
 */
export function statsObject<Kind extends string, Fields extends TProperties>(
  type: Kind,
  fields: Fields,
): StatsObjectSchema<Kind, Fields> {
  return Type.Object(
    { type: Type.Literal(type), id: StatsIdSchema, timestamp: StatsTimestampSchema, ...fields },
    { additionalProperties: true, title: `RTCStats ${type}` },
  );
}
