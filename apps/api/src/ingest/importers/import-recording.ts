import { cannotRead, detectFileFormat, readWhole, statOf, systemErrorCode } from './file-access';
import { EnvelopeNdjsonReader } from './ndjson/envelope-ndjson-reader';
import { readFileLines } from './read-file-lines';
import { RecordingImportError } from './recording-import-error';
import type { ImportedParticipant, RecordingFormat } from './recording-types';
import { RtcstatsDumpReader } from './rtcstats/rtcstats-dump-reader';
import { parseWebrtcInternals } from './webrtc-internals/parse-webrtc-internals';

/** What the line-oriented readers have in common. */
interface LineReader {
  readLine(text: string, lineNumber: number): void;
  finish(): ImportedParticipant;
}

/**
 * One recorded file (one participant) as protocol messages, its format detected from its content.
 * Throws RecordingImportError when the file cannot be read or is of no known format; anything
 * wrong inside it is returned as problems beside the messages.
 */
export async function importRecording(file: string): Promise<ImportedParticipant> {
  if ((await statOf(file)).isDirectory()) {
    throw new RecordingImportError(file, 'is a folder; importRecordings reads the recordings in a folder');
  }
  const format = await detectFileFormat(file);
  if (format === undefined) {
    throw new RecordingImportError(
      file,
      'not a recording of a known format (an rtcstats dump, a webrtc-internals export or NDJSON of protocol envelopes)',
    );
  }
  return importDetectedRecording(file, format);
}

/** Imports a file whose format is already known; rtcstats and NDJSON are streamed line by line. */
export async function importDetectedRecording(file: string, format: RecordingFormat): Promise<ImportedParticipant> {
  switch (format) {
    case 'rtcstats':
      return readLineByLine(file, new RtcstatsDumpReader(file));
    case 'ndjson':
      return readLineByLine(file, new EnvelopeNdjsonReader(file));
    case 'webrtc-internals':
      // One JSON document: it has to be parsed whole.
      return parseWebrtcInternals(await readWhole(file), file);
  }
}

async function readLineByLine(file: string, reader: LineReader): Promise<ImportedParticipant> {
  try {
    for await (const { text, lineNumber } of readFileLines(file)) reader.readLine(text, lineNumber);
  } catch (error) {
    if (systemErrorCode(error) === undefined) throw error; // a bug of ours, not the file's fault
    cannotRead(file, error);
  }
  return reader.finish();
}
