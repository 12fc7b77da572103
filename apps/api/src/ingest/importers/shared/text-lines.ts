export interface NumberedLine {
  text: string;
  /** 1-based. */
  lineNumber: number;
}

/** The lines of an in-memory text (LF or CRLF), without building an array of all of them. */
export function* linesOf(text: string): Generator<NumberedLine> {
  let start = 0;
  let lineNumber = 0;
  while (start <= text.length) {
    const newline = text.indexOf('\n', start);
    const end = newline === -1 ? text.length : newline;
    const line = text.slice(start, end);
    lineNumber++;
    if (newline === -1 && line === '') return;
    yield { text: line.endsWith('\r') ? line.slice(0, -1) : line, lineNumber };
    if (newline === -1) return;
    start = newline + 1;
  }
}

/** A UTF-8 byte order mark some editors put at the start of a file; JSON.parse rejects it. */
export function withoutByteOrderMark(text: string): string {
  return text.charCodeAt(0) === 0xfeff ? text.slice(1) : text;
}
