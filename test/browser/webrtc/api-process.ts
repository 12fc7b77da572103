import { randomBytes } from 'node:crypto';
import { join } from 'node:path';
import { startChild } from './child-process';
import type { NetworkNamespace } from './network-namespace';

export interface ApiProcess {
  /** The api's origin as the members' pages see it, inside the namespace. */
  pageOrigin: string;
  port: number;
  adminToken: string;
  stop(): Promise<void>;
}

/**
 * Starts the api exactly as `npm start` runs it (apps/api/src/main.ts, compiled on the fly by
 * @swc-node/register, about 6 s) as a child process inside the namespace, so that only pages
 * in the namespace can reach it. PostgreSQL's TCP port is outside; its unix socket is shared.
 */
export async function startApiInNamespace(options: {
  namespace: NetworkNamespace;
  repositoryRoot: string;
  logFile: string;
  /** PostgreSQL URL as reachable from inside the namespace (its unix socket). */
  databaseUrl: string;
  port: number;
}): Promise<ApiProcess> {
  const adminToken = randomBytes(24).toString('base64url');
  const { executable, args } = options.namespace.command(process.execPath, [
    '-r',
    '@swc-node/register',
    join(options.repositoryRoot, 'apps', 'api', 'src', 'main.ts'),
  ]);
  const api = await startChild({
    executable,
    args,
    cwd: options.repositoryRoot,
    env: {
      ...process.env,
      NODE_OPTIONS: '',
      NO_COLOR: '1',
      PORT: String(options.port),
      DATABASE_URL: options.databaseUrl,
      ATTUNE_ADMIN_TOKEN: adminToken,
      ATTUNE_TOKEN_SECRET: randomBytes(24).toString('base64url'),
    },
    logFile: options.logFile,
    readyLine: 'Attune is running at',
    timeoutMs: 90_000,
  });
  return { pageOrigin: `http://127.0.0.1:${options.port}`, port: options.port, adminToken, stop: api.stop };
}

/** The same database through PostgreSQL's unix socket, the one way to it from inside the namespace. */
export function viaUnixSocket(databaseUrl: string, socketDirectory = '/var/run/postgresql'): string {
  const parsed = new URL(databaseUrl);
  const user = parsed.username ? `${parsed.username}${parsed.password ? `:${parsed.password}` : ''}@` : '';
  return `postgres://${user}${parsed.pathname}?host=${encodeURIComponent(socketDirectory)}`;
}
