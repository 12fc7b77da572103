import type { CheckEnvelopeOptions } from '@attune/protocol';
import type { ImportedParticipant } from '../recording-types';
import { linesOf } from '../shared/text-lines';
import { EnvelopeNdjsonReader } from './envelope-ndjson-reader';

/**
 * NDJSON of protocol envelopes held in memory; `fileName` names it in problems. `checkOptions` are
 * the server's (facilitator codes, notes) when the recording was made against a configured server.
 */
export function parseEnvelopeNdjson(
  text: string,
  fileName: string,
  checkOptions?: CheckEnvelopeOptions,
): ImportedParticipant {
  const reader = new EnvelopeNdjsonReader(fileName, checkOptions);
  for (const { text: line, lineNumber } of linesOf(text)) reader.readLine(line, lineNumber);
  return reader.finish();
}
