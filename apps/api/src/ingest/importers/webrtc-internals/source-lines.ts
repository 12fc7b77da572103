/**
 * Line numbers inside one JSON document, for problems. Found only when a problem needs one: a
 * dump has thousands of keys, and searching the text for each would cost more than the import.
 */
export class SourceLines {
  private newlineOffsets?: number[];

  constructor(private readonly text: string) {}

  /** The 1-based line of the first key `"key"` at or after `fromOffset`, and its offset. */
  findKey(key: string, fromOffset = 0): { line: number; offset: number } {
    return this.findText(JSON.stringify(key), fromOffset);
  }

  /** The same for the first key that starts with `prefix`. */
  findKeyStartingWith(prefix: string, fromOffset = 0): { line: number; offset: number } {
    return this.findText(JSON.stringify(prefix).slice(0, -1), fromOffset);
  }

  private findText(needle: string, fromOffset: number): { line: number; offset: number } {
    const offset = this.text.indexOf(needle, fromOffset);
    return offset < 0 ? { line: 1, offset: fromOffset } : { line: this.lineAt(offset), offset };
  }

  private lineAt(offset: number): number {
    const newlines = (this.newlineOffsets ??= newlineOffsetsOf(this.text));
    let low = 0;
    let high = newlines.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (newlines[middle] < offset) low = middle + 1;
      else high = middle;
    }
    return low + 1;
  }
}

function newlineOffsetsOf(text: string): number[] {
  const offsets: number[] = [];
  for (let index = text.indexOf('\n'); index >= 0; index = text.indexOf('\n', index + 1)) offsets.push(index);
  return offsets;
}
