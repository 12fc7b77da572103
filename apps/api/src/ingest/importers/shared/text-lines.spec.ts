import { linesOf, withoutByteOrderMark } from './text-lines';

const lines = (text: string) => [...linesOf(text)].map(({ text: line, lineNumber }) => `${lineNumber}:${line}`);

describe(linesOf.name, () => {
  it('numbers lines from 1, LF or CRLF, keeping blank lines in the count', () => {
    expect(lines('a\r\n\nb')).toEqual(['1:a', '2:', '3:b']);
  });

  it('does not invent a line after the final newline, nor one for an empty text', () => {
    expect(lines('a\nb\n')).toEqual(['1:a', '2:b']);
    expect(lines('')).toEqual([]);
  });

  it('removes a byte order mark only where it is', () => {
    expect(withoutByteOrderMark('\uFEFF["a"]')).toBe('["a"]');
    expect(withoutByteOrderMark('["a"]')).toBe('["a"]');
  });
});
