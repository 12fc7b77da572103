import { readReportViews, type ReportViews } from '../normalize';
import { microphoneSources, type MicrophoneSource } from './media-source-energy';
import type { SessionInput, SessionMessage, SessionRole } from './session-analyzer.contract';

/**
 * A stats message as it waits in the reorder buffer: what the metrics read from the report
 * (the normaliser's views, the microphone's energy counters), read when it arrives. Nothing read
 * depends on earlier reports, so reading early changes no result; but the browser's dozen raw
 * objects, with every field the metrics never look at, no longer live for the allowed lateness
 * (which, with thousands of participants, made them the bulk of what the garbage collector copies).
 */
export interface ReadStats {
  readonly kind: 'read-stats';
  readonly timestamp: number;
  readonly views: ReportViews;
  readonly microphones: readonly MicrophoneSource[];
}

export type BufferedMessage = Exclude<SessionMessage, { kind: 'stats' }> | ReadStats;

/** One message waiting in the reorder buffer until the watermark passes it. */
export interface BufferedInput {
  readonly participantId: string;
  readonly role: SessionRole;
  readonly message: BufferedMessage;
  /** The message's event time (see eventTimeOf). */
  readonly at: number;
  /** Older than the watermark when it arrived. */
  readonly late: boolean;
}

export function bufferedInput({ participantId, role, message }: SessionInput, at: number, late: boolean): BufferedInput {
  return { participantId, role, message: message.kind === 'stats' ? readStats(message) : message, at, late };
}

function readStats(message: Extract<SessionMessage, { kind: 'stats' }>): ReadStats {
  return {
    kind: 'read-stats',
    timestamp: message.timestamp,
    views: readReportViews(message),
    microphones: microphoneSources(message.stats),
  };
}
