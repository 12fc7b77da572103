import type { Message } from '@attune/protocol';

/** The recording formats the importers read; detected from a file's content, never its name. */
export const RECORDING_FORMATS = ['rtcstats', 'webrtc-internals', 'ndjson'] as const;
export type RecordingFormat = (typeof RECORDING_FORMATS)[number];

/**
 * Something in a recording that could not be imported as it was. The rest of the file still is:
 * one bad line never discards the others.
 */
export interface ImportProblem {
  file: string;
  /** 1-based line in the file; 0 when the note is about the file as a whole. */
  line: number;
  reason: string;
}

/** One recorded file: one participant's messages, as live ingest would have produced them. */
export interface ImportedParticipant {
  /** The recording's own participant id (endpoint id, display name, envelope participantId or file name). */
  id: string;
  sourceFile: string;
  format: RecordingFormat;
  /** Protocol messages ordered by event time (stats `timestamp`, event `at`, utterance `start`). */
  messages: Message[];
  problems: ImportProblem[];
}

/** Several recordings of one session, aligned on their own (epoch ms) timestamps. */
export interface ImportedSession {
  participants: ImportedParticipant[];
  /** Earliest event time of any participant (epoch ms); 0 when nothing was imported. */
  startedAt: number;
  /** Latest event time (an utterance counts until its end); 0 when nothing was imported. */
  endedAt: number;
  /** Every problem of the import: files skipped, duplicate ids, and each participant's own problems. */
  problems: ImportProblem[];
}
