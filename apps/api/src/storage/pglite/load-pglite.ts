import { mkdir } from 'node:fs/promises';
import { resolve } from 'node:path';
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
 * Two PGlite instances on one data directory would each believe they own it and corrupt it;
 * PGlite does not lock the directory itself, so we refuse a second open in this process.
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
  try {
    // PGlite does not create parent directories.
    await mkdir(absoluteDir, { recursive: true });
    const { PGlite, protocol } = await loadPgliteModule();
    const db = await PGlite.create({ dataDir: absoluteDir });
    let closing: Promise<void> | undefined;
    return {
      db,
      serialize: protocol.serialize,
      dataDir: absoluteDir,
      close: () => {
        closing ??= db.close().finally(() => openDataDirs.delete(absoluteDir));
        return closing;
      },
    };
  } catch (error) {
    openDataDirs.delete(absoluteDir);
    throw error;
  }
}
