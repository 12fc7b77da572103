// Importers: recorded files → the protocol messages live ingest produces, so one pipeline serves
// live sessions and recordings. Each file is one participant; several files make one session.

export { detectRecordingFormat } from './detect-recording-format';
export { importRecording } from './import-recording';
export { importRecordings } from './import-recordings';
export { parseEnvelopeNdjson } from './ndjson/parse-envelope-ndjson';
export { RecordingImportError } from './recording-import-error';
export {
  RECORDING_FORMATS,
  type ImportedParticipant,
  type ImportedSession,
  type ImportProblem,
  type RecordingFormat,
} from './recording-types';
export { parseRtcstatsDump } from './rtcstats/parse-rtcstats-dump';
export { formatImportProblem } from './shared/import-problems';
export { parseWebrtcInternals } from './webrtc-internals/parse-webrtc-internals';
