import type { StatsObject } from '@attune/protocol/delta/stats-delta';
import type { ClientEventMessage } from '@attune/protocol/schema/client-event';
import type { JoinMessage, LeaveMessage, UtteranceMessage } from '@attune/protocol/schema/messages';

// Type-only imports: the bundle must not pull TypeBox in (see eslint.config.mjs).

/** A stats message as the collector sends it: full, or (with `deltaOf`) the changes since a baseline. */
export interface StatsWireMessage {
  kind: 'stats';
  timestamp: number;
  peerConnectionId: string;
  deltaOf?: number;
  stats: Record<string, unknown>[];
  removed?: string[];
}

export type WireMessage = StatsWireMessage | UtteranceMessage | ClientEventMessage | JoinMessage | LeaveMessage;

/** One filtered getStats() report: what a stats message stands for, whatever its wire form. */
export interface StatsReportRecord {
  peerConnectionId: string;
  timestamp: number;
  stats: StatsObject[];
}

/** A message waiting in the collector's buffer. */
export interface BufferedMessage {
  message: WireMessage;
  /** Increasing per message; a full resend of a rejected delta keeps the original's, so flush() waits for it. */
  ordinal: number;
  /** The message's event time, for collector-gap reports. */
  at: number;
  /** JSON size, for the buffer's byte bound. */
  bytes: number;
  /** For stats messages: the full report, kept until the server has it. */
  report?: StatsReportRecord;
}

/** Event time of a message (the field differs by kind). */
export function eventTimeOf(message: WireMessage): number {
  switch (message.kind) {
    case 'stats':
      return message.timestamp;
    case 'utterance':
      return message.start;
    case 'client-event':
    case 'join':
    case 'leave':
      return message.at;
  }
}
