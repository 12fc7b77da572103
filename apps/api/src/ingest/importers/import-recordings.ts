import * as path from 'node:path';
import { detectFileFormat, namesIn, statOf } from './file-access';
import { importDetectedRecording } from './import-recording';
import { RecordingImportError } from './recording-import-error';
import type { ImportedParticipant, ImportedSession, ImportProblem, RecordingFormat } from './recording-types';
import { eventEndOf, eventTimeOf } from './shared/event-time';
import { fileNameWithoutExtension } from './shared/file-names';

interface RecordingFile {
  file: string;
  format: RecordingFormat;
}

/**
 * Several recordings (one participant each) as one session, aligned on their own timestamps.
 * A folder stands for the recordings directly in it, in name order; files in it that are not
 * recordings (README, LICENSE, …) and subfolders are skipped with a note. A file named explicitly
 * must be a recording. Files are imported one after another, so memory holds one parse at a time.
 */
export async function importRecordings(paths: readonly string[]): Promise<ImportedSession> {
  const notes: ImportProblem[] = [];
  const recordings: RecordingFile[] = [];
  for (const given of paths) {
    if ((await statOf(given)).isDirectory()) recordings.push(...(await recordingsIn(given, notes)));
    else recordings.push(await recordingFile(given));
  }
  const participants: ImportedParticipant[] = [];
  for (const { file, format } of recordings) participants.push(await importDetectedRecording(file, format));
  giveUniqueIds(participants, notes);
  noteRecordingsApart(participants, notes);

  const spans = participants.map(spanOf).filter((span) => span !== undefined);
  return {
    participants,
    startedAt: spans.length > 0 ? Math.min(...spans.map((span) => span.start)) : 0,
    endedAt: spans.length > 0 ? Math.max(...spans.map((span) => span.end)) : 0,
    problems: [...notes, ...participants.flatMap((participant) => participant.problems)],
  };
}

async function recordingFile(file: string): Promise<RecordingFile> {
  const format = await detectFileFormat(file);
  if (format === undefined) throw new RecordingImportError(file, 'not a recording of a known format');
  return { file, format };
}

async function recordingsIn(folder: string, notes: ImportProblem[]): Promise<RecordingFile[]> {
  const recordings: RecordingFile[] = [];
  for (const name of await namesIn(folder)) {
    const file = path.join(folder, name);
    if (!(await statOf(file)).isFile()) {
      notes.push({ file, line: 0, reason: 'skipped: not a file (subfolders are not searched)' });
      continue;
    }
    const format = await detectFileFormat(file);
    if (format === undefined) notes.push({ file, line: 0, reason: 'skipped: not a recording' });
    else recordings.push({ file, format });
  }
  return recordings;
}

/** Two recordings can name the same participant (a rejoin recorded twice, one display name used twice). */
function giveUniqueIds(participants: ImportedParticipant[], notes: ImportProblem[]): void {
  const used = new Set<string>();
  for (const participant of participants) {
    if (used.has(participant.id)) {
      const base = `${participant.id} (${fileNameWithoutExtension(participant.sourceFile)})`;
      let unique = base;
      for (let suffix = 2; used.has(unique); suffix++) unique = `${base} ${suffix}`;
      notes.push({
        file: participant.sourceFile,
        line: 0,
        reason: `participant id already taken; imported as "${unique}"`,
      });
      participant.id = unique;
    }
    used.add(participant.id);
  }
}

/** Recordings that share no moment with any other were probably not made in the same session. */
function noteRecordingsApart(participants: readonly ImportedParticipant[], notes: ImportProblem[]): void {
  const spans = participants.map(spanOf);
  spans.forEach((span, index) => {
    if (span === undefined || spans.length < 2) return;
    const overlapsAnother = spans.some(
      (other, otherIndex) =>
        otherIndex !== index && other !== undefined && other.start <= span.end && span.start <= other.end,
    );
    if (!overlapsAnother) {
      notes.push({
        file: participants[index].sourceFile,
        line: 0,
        reason: 'shares no moment with the other recordings: probably not the same session',
      });
    }
  });
}

/** From the first message (they are in event order) to the latest end: an utterance may outlast later messages. */
function spanOf(participant: ImportedParticipant): { start: number; end: number } | undefined {
  if (participant.messages.length === 0) return undefined;
  const end = participant.messages.reduce((latest, message) => Math.max(latest, eventEndOf(message)), -Infinity);
  return { start: eventTimeOf(participant.messages[0]), end };
}
