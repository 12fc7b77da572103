import { createReadStream } from 'node:fs';
import { createInterface } from 'node:readline';
import type { NumberedLine } from './shared/text-lines';

/** A file's lines (LF or CRLF) as they are read, so that memory does not grow with the file. */
export async function* readFileLines(file: string): AsyncGenerator<NumberedLine> {
  const lines = createInterface({ input: createReadStream(file, { encoding: 'utf8' }), crlfDelay: Infinity });
  let lineNumber = 0;
  try {
    for await (const text of lines) yield { text, lineNumber: ++lineNumber };
  } finally {
    lines.close();
  }
}
