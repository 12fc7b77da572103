import type { CliIo } from '../cli-io';

/** Captures what a command writes, for assertions. */
export class FakeIo implements CliIo {
  out = '';
  err = '';
  readonly files = new Map<string, string>();

  stdout(text: string): void {
    this.out += text;
  }

  stderr(text: string): void {
    this.err += text;
  }

  async writeFile(file: string, text: string): Promise<void> {
    this.files.set(file, text);
  }
}
