import { spawn, type ChildProcess } from 'node:child_process';
import { closeSync, existsSync, openSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { AdminApi } from '../sinks/admin-api';

export interface ApiProcessOptions {
  repositoryRoot: string;
  port: number;
  dataDirectory: string;
  adminToken: string;
  /** The server's output goes here, so the terminal shows the demo's own lines. */
  logFile: string;
}

/**
 * The built api (`node dist/apps/api/src/main.js`, what `npm start` runs) as a child process on
 * the embedded database. It runs in its own process group, so Ctrl-C reaches the demo alone and
 * the demo can end its session before it stops the server.
 */
export class ApiProcess {
  private exited = false;
  private exitCode: number | null = null;

  private constructor(
    private readonly child: ChildProcess,
    private readonly options: ApiProcessOptions,
  ) {
    child.once('exit', (code) => {
      this.exited = true;
      this.exitCode = code;
    });
    // If the demo dies unexpectedly, the server must not outlive it.
    process.once('exit', () => {
      if (!this.exited) child.kill('SIGKILL');
    });
  }

  static start(options: ApiProcessOptions): ApiProcess {
    const entry = join(options.repositoryRoot, 'dist', 'apps', 'api', 'src', 'main.js');
    if (!existsSync(entry)) throw new Error(`${entry} is missing: run "npm run build" first (npm run demo does)`);
    const env: NodeJS.ProcessEnv = {
      ...process.env,
      PORT: String(options.port),
      ATTUNE_DATA_DIR: options.dataDirectory,
      ATTUNE_ADMIN_TOKEN: options.adminToken,
    };
    // The demo always runs on the embedded database, whatever the shell has configured.
    delete env.DATABASE_URL;
    const log = openSync(options.logFile, 'a');
    try {
      const child = spawn(process.execPath, [entry], {
        cwd: options.repositoryRoot,
        env,
        stdio: ['ignore', log, log],
        detached: true,
      });
      return new ApiProcess(child, options);
    } finally {
      closeSync(log);
    }
  }

  get baseUrl(): string {
    return `http://localhost:${this.options.port}`;
  }

  /** Waits until /api/v1/health answers; throws with the end of the server's log if it exits or takes too long. */
  async waitUntilHealthy(timeoutMs: number): Promise<void> {
    const api = new AdminApi(this.baseUrl, this.options.adminToken);
    const deadline = Date.now() + timeoutMs;
    while (Date.now() < deadline) {
      if (this.exited) throw new Error(`the server exited (code ${this.exitCode}) while starting:\n${this.logTail()}`);
      if (await api.health()) return;
      await new Promise((resolve) => setTimeout(resolve, 250));
    }
    throw new Error(`the server did not become healthy within ${timeoutMs / 1000} s:\n${this.logTail()}`);
  }

  /** SIGTERM (the server flushes and closes cleanly), then SIGKILL if it has not exited in time. */
  async stop(timeoutMs = 15_000): Promise<number | null> {
    if (this.exited) return this.exitCode;
    const exited = new Promise<void>((resolve) => this.child.once('exit', () => resolve()));
    this.child.kill('SIGTERM');
    const timer = setTimeout(() => this.child.kill('SIGKILL'), timeoutMs);
    await exited;
    clearTimeout(timer);
    return this.exitCode;
  }

  logTail(lines = 20): string {
    if (!existsSync(this.options.logFile)) return '(no server log)';
    return readFileSync(this.options.logFile, 'utf8').trimEnd().split('\n').slice(-lines).join('\n');
  }
}
