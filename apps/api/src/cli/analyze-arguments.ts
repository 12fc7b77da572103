import { UsageError } from './cli-io';

export const REPORT_FORMATS = ['json', 'table'] as const;
export type ReportFormat = (typeof REPORT_FORMATS)[number];

export interface AnalyzeArguments {
  paths: string[];
  format: ReportFormat;
  /** Write the report here instead of stdout. */
  out?: string;
  /** Participants to treat as the facilitator (besides those who send facilitator events). */
  facilitators: string[];
}

export const ANALYZE_USAGE = `Usage: attune analyze <files or directories...> [--format json|table] [--out file] [--facilitator id]

Analyzes recorded sessions (rtcstats dumps, webrtc-internals exports, NDJSON of protocol
envelopes; one participant per file, a directory stands for the recordings in it) as one
session, and prints the session report.

  --format json|table   json (default): the report of docs/report-format.md; table: for reading
  --out file            write the report to a file instead of stdout
  --facilitator id      this participant is the facilitator (repeatable); participants who send
                        facilitator events are taken for the facilitator anyway

Problems in the input are listed on stderr as file:line: reason. Exit status: 0 when a report
was produced (even with problems), 1 when the input is unusable, 2 for a wrong command line.`;

/** Parses `analyze`'s arguments (after the subcommand). Throws UsageError. */
export function parseAnalyzeArguments(argv: readonly string[]): AnalyzeArguments {
  const parsed: AnalyzeArguments = { paths: [], format: 'json', facilitators: [] };
  for (let index = 0; index < argv.length; index++) {
    const argument = argv[index];
    const [name, inlineValue] = argument.startsWith('--') ? splitOption(argument) : [argument, undefined];
    const value = (): string => {
      const given = inlineValue ?? argv[++index];
      if (given === undefined || given === '') throw new UsageError(`${name} needs a value`);
      return given;
    };
    switch (name) {
      case '--format': {
        const format = value();
        if (!isReportFormat(format)) throw new UsageError(`--format must be json or table (got "${format}")`);
        parsed.format = format;
        break;
      }
      case '--out':
        parsed.out = value();
        break;
      case '--facilitator':
        parsed.facilitators.push(value());
        break;
      case '--':
        parsed.paths.push(...argv.slice(index + 1));
        index = argv.length;
        break;
      default:
        if (name.startsWith('-') && name !== '-') throw new UsageError(`unknown option ${name}`);
        parsed.paths.push(argument);
    }
  }
  if (parsed.paths.length === 0) throw new UsageError('no recordings given');
  return parsed;
}

function splitOption(argument: string): [string, string | undefined] {
  const equals = argument.indexOf('=');
  return equals === -1 ? [argument, undefined] : [argument.slice(0, equals), argument.slice(equals + 1)];
}

function isReportFormat(value: string): value is ReportFormat {
  return (REPORT_FORMATS as readonly string[]).includes(value);
}
