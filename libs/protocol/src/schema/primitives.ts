import { Type } from '@sinclair/typebox';
import { PROTOCOL_LIMITS } from '../limits';

/**
 * A pattern rather than `format: 'uuid'`: TypeBox checks formats through a process-wide
 * registry, and a library should not register global state as a side effect of being imported.
 */
export const UUID_PATTERN = '^[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12}$';

export const UuidSchema = Type.String({ pattern: UUID_PATTERN, description: 'RFC 4122 UUID (any version)' });

/**
 * Client wall-clock time in epoch milliseconds. The upper bound (year 2286) catches clocks sent
 * in microseconds or nanoseconds, a common slip when mixing performance.now() with Date.now().
 */
export const EpochMsSchema = Type.Number({
  exclusiveMinimum: 0,
  maximum: 1e13,
  description: 'Epoch milliseconds (client clock)',
});

/** Identifies a stats object inside one RTCPeerConnection, or one RTCPeerConnection for the collector. */
export const StatsIdSchema = Type.String({ minLength: 1, maxLength: PROTOCOL_LIMITS.maxIdLength });

/** Enum-like browser strings stay plain strings: browsers disagree on values (see docs/protocol.md). */
export const ShortStringSchema = Type.String({ maxLength: PROTOCOL_LIMITS.maxShortStringLength });

export const LongStringSchema = Type.String({ maxLength: PROTOCOL_LIMITS.maxLongStringLength });
