import { ChildProcess, spawn } from 'node:child_process';
import { randomBytes } from 'node:crypto';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { Client } from 'pg';

export const ADMIN_DATABASE_URL = process.env.DATABASE_URL ?? 'postgres://postgres@127.0.0.1:5432/test';

/** An Attune server (serve-attune.ts), or the bare ingest, in a process of its own, so its CPU and memory are its own. */
export interface AttuneServer {
  process: ChildProcess;
  baseUrl: string;
  adminToken: string;
  /** Stops the server and drops its database or data directory. */
  stop(): Promise<void>;
}

export interface AttuneServerOptions {
  /** `postgres`: a fresh database on the admin connection (DATABASE_URL); `embedded`: a temporary data directory. */
  database: string;
  /** Names the benchmark in the database's name. */
  name: string;
  env?: NodeJS.ProcessEnv;
  nodeArgs?: string[];
}

export async function startAttuneServer(options: AttuneServerOptions): Promise<AttuneServer> {
  const adminToken = randomBytes(24).toString('base64url');
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    ATTUNE_ADMIN_TOKEN: adminToken,
    ATTUNE_TOKEN_SECRET: randomBytes(24).toString('base64url'),
    ...options.env,
  };
  let cleanup = async () => {};
  if (options.database === 'postgres') {
    const name = `attune_bench_${options.name}_${Date.now()}`;
    await adminQuery(`CREATE DATABASE ${name}`);
    const url = new URL(ADMIN_DATABASE_URL);
    url.pathname = `/${name}`;
    env.DATABASE_URL = url.toString();
    cleanup = () => adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  } else {
    delete env.DATABASE_URL;
    const dataDir = mkdtempSync(join(tmpdir(), 'attune-bench-'));
    env.ATTUNE_DATA_DIR = dataDir;
    cleanup = async () => rmSync(dataDir, { recursive: true, force: true });
  }
  return spawnServer('serve-attune.ts', options.nodeArgs ?? [], env, adminToken, cleanup);
}

/** The bare ingest of serve-bare-ingest.ts (parse and ack, nothing else), in a process of its own. */
export function startBareIngestServer(nodeArgs: string[] = []): Promise<AttuneServer> {
  return spawnServer('serve-bare-ingest.ts', nodeArgs, process.env, '', async () => {});
}

async function spawnServer(
  script: string,
  nodeArgs: string[],
  env: NodeJS.ProcessEnv,
  adminToken: string,
  cleanup: () => Promise<void>,
): Promise<AttuneServer> {
  const child = spawn(process.execPath, [...nodeArgs, '-r', '@swc-node/register', join(__dirname, script)], {
    env,
    stdio: ['ignore', 'pipe', 'inherit'],
  });
  // A bench stopped with Ctrl-C must not leave its server running (its database stays; drop it by hand).
  process.once('exit', () => child.kill('SIGTERM'));
  const port = await new Promise<number>((resolve, reject) => {
    child.stdout.on('data', (chunk: Buffer) => {
      const match = /listening (\d+)/.exec(chunk.toString());
      if (match) resolve(Number(match[1]));
    });
    child.once('exit', (code) => reject(new Error(`server exited with code ${code}`)));
  });
  return {
    process: child,
    baseUrl: `http://127.0.0.1:${port}`,
    adminToken,
    async stop() {
      const exited = new Promise((resolve) => child.once('exit', resolve));
      child.kill('SIGTERM');
      await exited;
      await cleanup();
    },
  };
}

/** One statement on the admin connection (DATABASE_URL), e.g. CREATE DATABASE. */
export async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: ADMIN_DATABASE_URL });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}
