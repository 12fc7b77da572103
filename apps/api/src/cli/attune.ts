#!/usr/bin/env node
/**
 * The `attune` command line (package bin): subcommands that work on files, no server needed.
 * Development: node -r @swc-node/register apps/api/src/cli/attune.ts analyze <paths>
 */
import { writeFile } from 'node:fs/promises';
import { ANALYZE_USAGE } from './analyze-arguments';
import { runAnalyzeCommand } from './analyze.command';
import { EXIT_USAGE, type CliIo } from './cli-io';

const USAGE = `Usage: attune <command> [arguments]

Commands:
  analyze <files or directories...> [--format json|table] [--out file]
                 analyze recorded sessions offline and print the session report
  help           show this help (attune analyze --help for the command's own)`;

const io: CliIo = {
  stdout: (text) => process.stdout.write(text),
  stderr: (text) => process.stderr.write(text),
  writeFile: (file, text) => writeFile(file, text, 'utf8'),
};

async function main(argv: readonly string[]): Promise<number> {
  const [command, ...rest] = argv;
  switch (command) {
    case 'analyze':
      if (rest.includes('--help') || rest.includes('-h')) {
        io.stdout(`${ANALYZE_USAGE}\n`);
        return 0;
      }
      return runAnalyzeCommand(rest, io);
    case 'help':
    case '--help':
    case '-h':
      io.stdout(`${USAGE}\n`);
      return 0;
    default:
      io.stderr(
        `${command === undefined ? 'attune: no command given' : `attune: unknown command "${command}"`}\n\n${USAGE}\n`,
      );
      return EXIT_USAGE;
  }
}

main(process.argv.slice(2)).then(
  (status) => {
    process.exitCode = status;
  },
  (error: unknown) => {
    // A bug of ours, not the input's: show it whole so it can be reported.
    process.stderr.write(
      `attune: internal error: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
    process.exitCode = 70;
  },
);
