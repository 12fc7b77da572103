import * as path from 'node:path';
import type { SessionReport } from '@attune/metrics';
import { importRecordings } from '../ingest/importers/import-recordings';
import { RecordingImportError } from '../ingest/importers/recording-import-error';
import type { ImportedSession, ImportProblem, RecordingFormat } from '../ingest/importers/recording-types';
import { ANALYZE_USAGE, parseAnalyzeArguments, type AnalyzeArguments } from './analyze-arguments';
import { analyzeImportedSession } from './analyze-session';
import { EXIT_OK, EXIT_UNUSABLE_INPUT, EXIT_USAGE, UnusableInputError, UsageError, type CliIo } from './cli-io';
import { formatReportTable } from './report-table';

/** Recordings further apart than this are not one session (the importer notes recordings that share no moment). */
export const MAX_SESSION_SPAN_HOURS = 12;

/** The JSON the command writes: the session report, plus where its data came from. */
export interface AnalyzeReport extends SessionReport {
  sources: Array<{ participantId: string; file: string; format: RecordingFormat; messages: number; problems: number }>;
  /** Problems found while importing (each printed on stderr). */
  importProblems: number;
}

/** `attune analyze …`: returns the exit status. */
export async function runAnalyzeCommand(argv: readonly string[], io: CliIo): Promise<number> {
  let args: AnalyzeArguments;
  try {
    args = parseAnalyzeArguments(argv);
  } catch (error) {
    if (!(error instanceof UsageError)) throw error;
    io.stderr(`attune analyze: ${error.message}\n\n${ANALYZE_USAGE}\n`);
    return EXIT_USAGE;
  }
  try {
    const { report, problems } = await analyzeRecordings(args.paths, { facilitators: args.facilitators });
    for (const problem of problems) io.stderr(`${formatProblem(problem)}\n`);
    const text = args.format === 'json' ? `${JSON.stringify(report, null, 2)}\n` : formatReportTable(report);
    if (args.out) await io.writeFile(args.out, text);
    else io.stdout(text);
    if (problems.length > 0) {
      io.stderr(`attune analyze: report produced; ${problems.length} problem(s) in the input (listed above)\n`);
    }
    return EXIT_OK;
  } catch (error) {
    if (error instanceof RecordingImportError || error instanceof UnusableInputError) {
      io.stderr(`attune analyze: ${error.message}\n`);
      return EXIT_UNUSABLE_INPUT;
    }
    throw error;
  }
}

/** Imports the recordings and analyzes them as one session. Throws UnusableInputError, RecordingImportError. */
export async function analyzeRecordings(
  paths: readonly string[],
  options: { facilitators?: readonly string[] } = {},
): Promise<{ report: AnalyzeReport; problems: ImportProblem[] }> {
  const session = await importRecordings(paths);
  assertUsable(session, paths);
  const report = analyzeImportedSession(session, {
    sessionId: sessionIdOf(paths),
    facilitators: options.facilitators,
  });
  return {
    report: {
      ...report,
      sources: session.participants.map((participant) => ({
        participantId: participant.id,
        file: participant.sourceFile,
        format: participant.format,
        messages: participant.messages.length,
        problems: participant.problems.length,
      })),
      importProblems: session.problems.length,
    },
    problems: session.problems,
  };
}

function assertUsable(session: ImportedSession, paths: readonly string[]): void {
  if (session.participants.length === 0) {
    throw new UnusableInputError(`no recordings found in ${paths.join(', ')}`);
  }
  if (session.participants.every((participant) => participant.messages.length === 0)) {
    throw new UnusableInputError('the recordings hold nothing the analysis can use (no stats, utterances or events)');
  }
  const spanHours = (session.endedAt - session.startedAt) / 3_600_000;
  if (spanHours > MAX_SESSION_SPAN_HOURS) {
    const spans = session.participants
      .filter((participant) => participant.messages.length > 0)
      .map((participant) => `  ${participant.id} (${participant.sourceFile}): from ${firstDay(participant.messages)}`);
    throw new UnusableInputError(
      `the recordings span ${spanHours.toFixed(0)} hours, more than one session (at most ${MAX_SESSION_SPAN_HOURS} h); ` +
        `analyze recordings of different sessions separately:\n${spans.join('\n')}`,
    );
  }
}

function firstDay(messages: ImportedSession['participants'][number]['messages']): string {
  const first = messages[0];
  const at = first.kind === 'stats' ? first.timestamp : first.kind === 'utterance' ? first.start : first.at;
  return new Date(at).toISOString();
}

/** A readable id for the report: the recording's (or folder's) name. */
function sessionIdOf(paths: readonly string[]): string {
  const names = paths.map((given) => path.basename(path.resolve(given)));
  return names.length === 1 ? names[0] : `${names[0]} (+${names.length - 1})`;
}

/** `file:line: reason` (line 0 means the file as a whole), the form terminals turn into links. */
export function formatProblem(problem: ImportProblem): string {
  return problem.line > 0 ? `${problem.file}:${problem.line}: ${problem.reason}` : `${problem.file}: ${problem.reason}`;
}
