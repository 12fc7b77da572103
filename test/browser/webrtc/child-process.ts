import { spawn, type ChildProcess } from 'node:child_process';
import { createWriteStream } from 'node:fs';

export interface StartedChild {
  child: ChildProcess;
  /** The output up to and including the ready line. */
  readyOutput: string;
  stop(): Promise<void>;
}

/**
 * Spawns a long-running helper, sends its output to `logFile`, and resolves once it printed
 * `readyLine` (on stdout or stderr) (or rejects when it exits first or takes too long).
 */
export async function startChild(options: {
  executable: string;
  args: string[];
  cwd: string;
  env: NodeJS.ProcessEnv;
  logFile: string;
  readyLine: string;
  timeoutMs: number;
}): Promise<StartedChild> {
  const child = spawn(options.executable, options.args, {
    cwd: options.cwd,
    env: options.env,
    stdio: ['ignore', 'pipe', 'pipe'],
    // Its own process group, so stopping it also stops whatever it started (Chromium's helpers).
    detached: true,
  });
  const log = createWriteStream(options.logFile);
  child.stdout.pipe(log);
  child.stderr.pipe(log);
  const stop = async () => {
    await stopChild(child);
    log.end();
  };
  try {
    const readyOutput = await waitForLine(child, options.readyLine, options.timeoutMs);
    return { child, readyOutput, stop };
  } catch (error) {
    await stop();
    throw new Error(`${(error as Error).message} (log: ${options.logFile})`);
  }
}

function waitForLine(child: ChildProcess, line: string, timeoutMs: number): Promise<string> {
  return new Promise((resolve, reject) => {
    let output = '';
    const timer = setTimeout(() => reject(new Error(`"${line}" not seen within ${timeoutMs} ms`)), timeoutMs);
    const watch = (chunk: Buffer) => {
      output = (output + chunk.toString('utf8')).slice(-4096);
      if (output.includes(line) && output.endsWith('\n')) {
        clearTimeout(timer);
        resolve(output);
      }
    };
    // Chromium announces its DevTools endpoint on stderr, the api on stdout.
    child.stdout?.on('data', watch);
    child.stderr?.on('data', watch);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      reject(new Error(`exited before "${line}" (code ${code}, signal ${signal})`));
    });
  });
}

export async function stopChild(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return;
  const exited = new Promise<void>((resolve) => child.once('exit', () => resolve()));
  signalGroup(child, 'SIGTERM');
  const timer = setTimeout(() => signalGroup(child, 'SIGKILL'), 10_000);
  await exited;
  clearTimeout(timer);
  signalGroup(child, 'SIGKILL'); // helpers that outlived their parent
}

function signalGroup(child: ChildProcess, signal: NodeJS.Signals): void {
  if (child.pid === undefined) return;
  try {
    process.kill(-child.pid, signal);
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code !== 'ESRCH') throw error;
  }
}
