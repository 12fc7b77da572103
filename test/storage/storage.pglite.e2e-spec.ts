import { spawnSync } from 'node:child_process';
import { cp, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { DatabaseError, Pool as PgPool, type QueryResult } from 'pg';
import type { StorageConfig } from '../../apps/api/src/storage/data-source';
import { IngestWriter } from '../../apps/api/src/storage/ingest-writer';
import { createPgliteDriver } from '../../apps/api/src/storage/pglite/pglite-driver';
import type { PglitePool } from '../../apps/api/src/storage/pglite/pglite-pool';
import { runStorageMigrations } from '../../apps/api/src/storage/run-migrations';
import { STORAGE_MIGRATIONS } from '../../apps/api/src/storage/migrations';
import { newIds, utteranceRow } from './fixtures';
import { sleep, startStorageApp, waitFor, withDataSource } from './storage-app';
import { describeStorage } from './storage-suite';

// Creating a PGlite database runs initdb: seconds, more on a busy machine.
jest.setTimeout(120_000);

let root: string;
let template: string;

// Creating a database runs initdb, seconds each time; copying a closed one takes a fraction.
beforeAll(async () => {
  root = await mkdtemp(join(tmpdir(), 'attune-pglite-'));
  template = join(root, 'template', 'nested', 'data');
  const { Pool } = createPgliteDriver(join(template, 'pglite'));
  const pool = new Pool();
  await pool.query('SELECT 1');
  await pool.end();
});

afterAll(async () => {
  await rm(root, { recursive: true, force: true });
});

let directories = 0;
/** A fresh, empty database; the very first one also proves PGlite's parent directories get created. */
async function newStorage(): Promise<StorageConfig> {
  directories += 1;
  const dataDir = join(root, `app-${directories}`, 'data');
  await cp(join(template, 'pglite'), join(dataDir, 'pglite'), { recursive: true });
  return { dataDir };
}

async function readFileOrNull(path: string): Promise<string | null> {
  return readFile(path, 'utf8').catch(() => null);
}

describeStorage('PGlite', { newStorage });

describe('The PGlite adapter', () => {
  const openPools: PglitePool[] = [];
  function newPool(dataDir: string, options: { connectionTimeoutMillis?: number } = {}): PglitePool {
    const { Pool } = createPgliteDriver(join(dataDir, 'pglite'));
    const pool = new Pool(options);
    openPools.push(pool);
    return pool;
  }

  afterEach(async () => {
    await Promise.all(openPools.splice(0).map((pool) => pool.end()));
  });

  it('answers exactly as pg does on PostgreSQL: rows, fields, command, rowCount and errors', async () => {
    const embedded = newPool((await newStorage()).dataDir);
    const postgres = new PgPool({ connectionString: process.env.ATTUNE_TEST_DATABASE_URL });
    try {
      const sql = `SELECT 1::int8 AS a, '2026-01-02T03:04:05Z'::timestamptz AS b, '{"x":[1]}'::jsonb AS c, 1.50::numeric AS d,
                          ARRAY[1,2]::int8[] AS e, $1::text AS f, 2::int4 AS g, 0.5::float8 AS h, false AS i,
                          '2024-01-02'::date AS j, interval '1 day 2 hours' AS k, '\\x0102'::bytea AS l,
                          ARRAY['a','b"c']::text[] AS m, NULL::uuid AS n, 'x'::name AS o`;
      const shape = (result: QueryResult) => ({
        command: result.command,
        rowCount: result.rowCount,
        fields: result.fields.map(({ name, dataTypeID, format }) => ({ name, dataTypeID, format })),
        rows: result.rows,
      });
      expect(shape(await embedded.query(sql, ['ok']))).toEqual(shape(await postgres.query(sql, ['ok'])));

      const create = 'CREATE TEMP TABLE t (v int)';
      await embedded.query(create);
      const insert = 'INSERT INTO t SELECT * FROM unnest($1::int[])';
      expect(await embedded.query(insert, [[1, 2, 3]])).toMatchObject({ command: 'INSERT', rowCount: 3, rows: [] });

      const failure = await embedded.query('SELECT * FROM no_such_table').catch((error: unknown) => error);
      expect(failure).toBeInstanceOf(DatabaseError);
      expect(failure).toMatchObject({ code: '42P01', severity: 'ERROR' });
      // Several statements in one simple query, as pg returns them.
      const results: unknown = await embedded.query('SELECT 1 AS x; SELECT 2 AS y');
      expect(results).toEqual([
        expect.objectContaining({ command: 'SELECT', rows: [{ x: 1 }] }),
        expect.objectContaining({ command: 'SELECT', rows: [{ y: 2 }] }),
      ]);
    } finally {
      await postgres.end();
    }
  });

  it('lends its one connection to one holder at a time, and cleans up after careless holders', async () => {
    const pool = newPool((await newStorage()).dataDir, { connectionTimeoutMillis: 300 });
    await pool.query('CREATE TABLE t (v int)');
    const first = await pool.connect();
    await first.query('BEGIN');
    await first.query('INSERT INTO t VALUES (1)');
    let secondHasIt = false;
    const second = pool.connect().then((client) => {
      secondHasIt = true;
      return client;
    });
    await sleep(50);
    expect(secondHasIt).toBe(false);
    expect(pool.waitingCount).toBe(1);

    // Released inside its transaction: rolled back before anyone else gets the session.
    first.release();
    expect(() => first.query('SELECT 1')).toThrow(/released/);
    const next = await second;
    expect((await next.query('SELECT count(*) AS n FROM t')).rows).toEqual([{ n: '0' }]);

    await expect(pool.connect()).rejects.toThrow(/Timed out after 300 ms/);
    next.release();
    expect(() => next.release()).toThrow(/already been released/);
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
  });

  it('reopens a data directory with its data, and will not open one directory twice', async () => {
    const { dataDir } = await newStorage();
    const first = newPool(dataDir);
    await first.query('CREATE TABLE kept (v text)');
    await first.query("INSERT INTO kept VALUES ('still here')");
    await expect(newPool(dataDir).query('SELECT 1')).rejects.toThrow(/already open in this process/);
    await first.end();

    const reopened = newPool(dataDir);
    expect((await reopened.query('SELECT v FROM kept')).rows).toEqual([{ v: 'still here' }]);
  });

  it('refuses a data directory that another live process holds, and takes over a stale lock', async () => {
    const { dataDir } = await newStorage();
    const lockFile = `${join(dataDir, 'pglite')}.lock`;
    // Jest's parent process: alive, and not us.
    await writeFile(lockFile, String(process.ppid));
    await expect(newPool(dataDir).query('SELECT 1')).rejects.toThrow(`in use by process ${process.ppid}`);

    const exited = spawnSync(process.execPath, ['-e', '']).pid;
    await writeFile(lockFile, String(exited));
    const pool = newPool(dataDir);
    expect((await pool.query('SELECT 1 AS one')).rows).toEqual([{ one: 1 }]);
    await pool.end();
    await expect(readFileOrNull(lockFile)).resolves.toBeNull();
  });

  it('retries a batch the database cannot take yet until it can, without losing a row', async () => {
    const storage = await newStorage();
    const app = await startStorageApp(storage, { flushRows: 10, flushIntervalMs: 20 });
    try {
      const writer = app.module.get(IngestWriter);
      await app.dataSource.query('ALTER TABLE utterance RENAME TO utterance_away');
      const ids = newIds();
      writer.enqueueUtterances(Array.from({ length: 25 }, (_, seq) => utteranceRow(ids, seq)));
      await waitFor(() => writer.counters().failedFlushes >= 2);
      expect(writer.counters()).toMatchObject({ rowsPersisted: 0, rowsRejected: 0, pendingRows: 25 });

      await app.dataSource.query('ALTER TABLE utterance_away RENAME TO utterance');
      await writer.flush();

      expect(writer.counters()).toMatchObject({ rowsPersisted: 25, rowsRejected: 0, rowsLost: 0, pendingRows: 0 });
      const [row] = await app.dataSource.query('SELECT count(*) AS n FROM utterance WHERE participant_id = $1', [
        ids.participantId,
      ]);
      expect(row).toEqual({ n: '25' });
      expect(app.logger.lines.some((line) => /failed \(attempt 1, SQLSTATE 42P01\); retrying/.test(line))).toBe(true);
    } finally {
      await app.close();
    }
  });

  it('reverts and re-applies the migrations, ending with no schema difference', async () => {
    await withDataSource(await newStorage(), async (dataSource) => {
      await runStorageMigrations(dataSource);
      for (let undone = 0; undone < STORAGE_MIGRATIONS.length; undone++) await dataSource.undoLastMigration();
      const tables = await dataSource.query(
        "SELECT count(*) AS n FROM information_schema.tables WHERE table_schema = 'public'",
      );
      expect(tables).toEqual([{ n: '1' }]); // only TypeORM's own migrations table
      expect(await runStorageMigrations(dataSource)).toHaveLength(STORAGE_MIGRATIONS.length);
      expect((await dataSource.driver.createSchemaBuilder().log()).upQueries).toEqual([]);
    });
  });
});
