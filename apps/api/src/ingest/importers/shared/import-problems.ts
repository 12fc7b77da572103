import type { ImportProblem } from '../recording-types';

/** A corrupt file can have a problem on every line; past this many, only the count is kept. */
const MAX_PROBLEMS_PER_FILE = 1000;

/** Collects one file's problems, bounded so that a broken multi-gigabyte file cannot exhaust memory. */
export class ProblemLog {
  private readonly recorded: ImportProblem[] = [];
  private omitted = 0;

  constructor(private readonly file: string) {}

  add(line: number, reason: string): void {
    if (this.recorded.length < MAX_PROBLEMS_PER_FILE) this.recorded.push({ file: this.file, line, reason });
    else this.omitted++;
  }

  list(): ImportProblem[] {
    if (this.omitted === 0) return [...this.recorded];
    return [...this.recorded, { file: this.file, line: 0, reason: `${this.omitted} more problems not listed` }];
  }
}

/** `file:line: reason`, the form editors and terminals turn into links. */
export function formatImportProblem(problem: ImportProblem): string {
  return problem.line > 0 ? `${problem.file}:${problem.line}: ${problem.reason}` : `${problem.file}: ${problem.reason}`;
}
