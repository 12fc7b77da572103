import { mkdir, open, readFile, rm } from 'node:fs/promises';
import { dirname, resolve } from 'node:path';
import type { PGlite } from '@electric-sql/pglite';

export type PgliteModule = typeof import('@electric-sql/pglite');
export type PgliteSerializer = PgliteModule['protocol']['serialize'];

/** An open embedded database and the wire-protocol serializer that talks to it. */
export interface OpenPglite {
  readonly db: PGlite;
  readonly serialize: PgliteSerializer;
  readonly dataDir: string;
  close(): Promise<void>;
}

/**
 * PGlite is loaded on first use, not at import time: it is tens of megabytes of WASM that a
 * deployment on PostgreSQL never needs. TypeScript compiles this `import()` to `require()`,
 * which loads PGlite's CommonJS build; that build still `import()`s Node built-ins, so Jest
 * must run with NODE_OPTIONS=--experimental-vm-modules.
 */
function loadPgliteModule(): Promise<PgliteModule> {
  return import('@electric-sql/pglite');
}

/**
 * Two PGlite instances on one data directory would each believe they own it and corrupt it.
 * PGlite writes a postmaster.pid but does not check it, so we refuse a second open ourselves:
 * in this process with this set, across processes with a lock file.
 */
const openDataDirs = new Set<string>();

export async function openPglite(dataDir: string): Promise<OpenPglite> {
  const absoluteDir = resolve(dataDir);
  if (openDataDirs.has(absoluteDir)) {
    throw new Error(
      `The embedded database in ${absoluteDir} is already open in this process; ` +
        'close the other DataSource first (two instances on one directory corrupt it).',
    );
  }
  openDataDirs.add(absoluteDir);
  let unlock: (() => Promise<void>) | undefined;
  try {
    // PGlite does not create parent directories.
    await mkdir(absoluteDir, { recursive: true });
    unlock = await lockDataDir(absoluteDir);
    const { PGlite, protocol } = await loadPgliteModule();
    const db = await PGlite.create({ dataDir: absoluteDir });
    const release = unlock;
    let closing: Promise<void> | undefined;
    return {
      db,
      serialize: protocol.serialize,
      dataDir: absoluteDir,
      close: () => {
        closing ??= db
          .close()
          .then(release)
          .finally(() => openDataDirs.delete(absoluteDir));
        return closing;
      },
    };
  } catch (error) {
    await unlock?.();
    openDataDirs.delete(absoluteDir);
    throw error;
  }
}

/** `<dataDir>.lock` holds the owner's pid; a lock whose process is gone is taken over. */
async function lockDataDir(dataDir: string): Promise<() => Promise<void>> {
  const lockPath = `${dataDir}.lock`;
  await mkdir(dirname(lockPath), { recursive: true });
  for (let attempt = 0; attempt < 2; attempt += 1) {
    try {
      const handle = await open(lockPath, 'wx');
      await handle.writeFile(String(process.pid));
      await handle.close();
      return () => rm(lockPath, { force: true });
    } catch (error) {
      if (!isErrnoException(error) || error.code !== 'EEXIST') throw error;
      const owner = Number.parseInt(await readFile(lockPath, 'utf8').catch(() => ''), 10);
      // Our own pid here is a leftover of this process (or of a container's previous life as pid 1).
      if (Number.isInteger(owner) && owner !== process.pid && isRunning(owner)) {
        throw new Error(
          `The embedded database in ${dataDir} is in use by process ${owner}. Stop it, or delete ` +
            `${lockPath} if that process is not Attune.`,
        );
      }
      await rm(lockPath, { force: true });
    }
  }
  throw new Error(`Could not lock the embedded database in ${dataDir} (${lockPath} keeps reappearing)`);
}

function isRunning(pid: number): boolean {
  try {
    process.kill(pid, 0);
    return true;
  } catch (error) {
    // EPERM: it exists but belongs to another user.
    return isErrnoException(error) && error.code === 'EPERM';
  }
}

/** Duck-typed: Node's own errors fail `instanceof Error` inside Jest's sandbox. */
function isErrnoException(error: unknown): error is NodeJS.ErrnoException {
  return typeof error === 'object' && error !== null && 'code' in error;
}
