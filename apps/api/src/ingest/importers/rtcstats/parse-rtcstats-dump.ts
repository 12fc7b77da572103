import type { ImportedParticipant } from '../recording-types';
import { linesOf } from '../shared/text-lines';
import { RtcstatsDumpReader } from './rtcstats-dump-reader';

/** An rtcstats dump (format 3) held in memory, as protocol messages; `fileName` names it in problems. */
export function parseRtcstatsDump(text: string, fileName: string): ImportedParticipant {
  const reader = new RtcstatsDumpReader(fileName);
  for (const { text: line, lineNumber } of linesOf(text)) reader.readLine(line, lineNumber);
  return reader.finish();
}
