/** What a command may do to the world: write to the terminal and to files. Tests pass fakes. */
export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  writeFile(file: string, text: string): Promise<void>;
}

/** The command line was wrong: print the reason and the usage, exit 2. */
export class UsageError extends Error {
  constructor(message: string) {
    super(message);
    this.name = UsageError.name;
  }
}

/** The input cannot give a report (nothing readable, no session in it): exit 1 with this message. */
export class UnusableInputError extends Error {
  constructor(message: string) {
    super(message);
    this.name = UnusableInputError.name;
  }
}

export const EXIT_OK = 0;
export const EXIT_UNUSABLE_INPUT = 1;
export const EXIT_USAGE = 2;
