// Storage write benchmark: how stats_sample rows reach PostgreSQL. Compares the writer's two
// statements for the same prepared rows — COPY (what it uses on PostgreSQL) and
// INSERT … SELECT unnest(…) (what it uses on the embedded database) — and the stats column's
// compression (lz4, set by migration where the server has it, against the default pglz).
// Prints, per batch size: our CPU µs per row (building the batch and sending it), the wall
// µs per row from building a batch to PostgreSQL's confirmation, and the longest the event
// loop was held building and sending one batch.
// Asserts nothing. Options (environment):
//   BENCH_ROWS     rows written per measured run (default 20000)
//   DATABASE_URL   admin connection (default postgres://postgres@127.0.0.1:5432/test)
import { randomBytes, randomUUID } from 'node:crypto';
import { cpus } from 'node:os';
import { Client } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource } from 'typeorm';
import { ChromeDevice } from '../apps/simulator/src/output/stats/chrome-device';
import { filterStats } from '../libs/collector/src/stats/stats-filter';
import type { StatsMessage, StatsObject } from '@attune/protocol';
import { createDataSourceOptions } from '../apps/api/src/storage/data-source';
import { STATS_SAMPLE_TABLE, type PreparedRow, type StatsSampleRow } from '../apps/api/src/storage/ingest-rows';
import { runStorageMigrations } from '../apps/api/src/storage/run-migrations';
import { statsSampleColumns, type RtcStatsObject } from '../apps/api/src/storage/stats-sample-columns';
import { ADMIN_DATABASE_URL, adminQuery } from './support/attune-server';

const ROWS = Number(process.env.BENCH_ROWS ?? 20_000);
const BATCH_SIZES = [250, 2000];

type Statement = 'copy' | 'insert-unnest';

async function main(): Promise<void> {
  const name = `attune_bench_storage_${randomBytes(4).toString('hex')}`;
  await adminQuery(`CREATE DATABASE ${name}`);
  const url = new URL(ADMIN_DATABASE_URL);
  url.pathname = `/${name}`;
  try {
    const dataSource = await new DataSource(
      createDataSourceOptions({ databaseUrl: url.toString(), dataDir: '' }),
    ).initialize();
    await runStorageMigrations(dataSource);
    await dataSource.destroy();
    const client = new Client({ connectionString: url.toString() });
    await client.connect();
    try {
      console.log(
        `Storage write benchmark: ${ROWS} stats_sample rows per run, collector-filtered Chrome reports ` +
          `(node ${process.version}, ${cpus().length} cores)\n`,
      );
      console.log('| compression | statement | rows per batch | our CPU µs/row | wall µs/row | longest hold ms |');
      console.log('|---|---|---|---|---|---|');
      for (const compression of ['lz4', 'pglz']) {
        await client.query(`ALTER TABLE stats_sample ALTER COLUMN stats SET COMPRESSION ${compression}`);
        for (const batchSize of BATCH_SIZES) {
          // Interleaved, twice each, so that a busy machine affects both alike.
          for (const statement of ['copy', 'insert-unnest', 'insert-unnest', 'copy'] as Statement[]) {
            await client.query('TRUNCATE stats_sample');
            const figures = await measure(client, statement, batchSize);
            console.log(
              `| ${compression} | ${statement} | ${batchSize} | ${figures.cpuMicrosPerRow.toFixed(1)} | ` +
                `${figures.databaseMicrosPerRow.toFixed(1)} | ${figures.longestHoldMs.toFixed(1)} |`,
            );
          }
        }
      }
    } finally {
      await client.end();
    }
  } finally {
    await adminQuery(`DROP DATABASE IF EXISTS ${name} WITH (FORCE)`);
  }
}

async function measure(client: Client, statement: Statement, batchSize: number) {
  const rows = preparedRows(ROWS);
  await write(client, statement, rows.slice(0, batchSize)); // warm-up
  let cpuMicros = 0;
  let databaseMicros = 0;
  let longestHoldMs = 0;
  for (let start = 0; start < rows.length; start += batchSize) {
    const batch = rows.slice(start, start + batchSize);
    const cpuBefore = process.cpuUsage();
    const heldFrom = performance.now();
    const written = write(client, statement, batch); // builds and sends synchronously, then waits
    longestHoldMs = Math.max(longestHoldMs, performance.now() - heldFrom);
    await written;
    const cpu = process.cpuUsage(cpuBefore);
    cpuMicros += cpu.user + cpu.system;
    databaseMicros += (performance.now() - heldFrom) * 1000;
  }
  return { cpuMicrosPerRow: cpuMicros / ROWS, databaseMicrosPerRow: databaseMicros / ROWS, longestHoldMs };
}

function write(client: Client, statement: Statement, rows: readonly PreparedRow[]): Promise<unknown> {
  if (statement === 'insert-unnest')
    return client.query(STATS_SAMPLE_TABLE.insertSql, STATS_SAMPLE_TABLE.parameters(rows));
  return new Promise<void>((resolve, reject) => {
    const copy = client.query(copyFrom(STATS_SAMPLE_TABLE.copySql));
    copy.once('finish', resolve);
    copy.once('error', reject);
    copy.end(STATS_SAMPLE_TABLE.copyText(rows));
  });
}

/** Rows as the writer prepares them: a member's reports a second apart, filtered as the collector sends them. */
function preparedRows(count: number): PreparedRow[] {
  const sessionId = randomUUID();
  const participantId = randomUUID();
  const device = new ChromeDevice(participantId, 0);
  const start = Date.UTC(2026, 10, 26, 12);
  return Array.from({ length: count }, (_, seq) => {
    const report = device.report(start + seq * 1000, 0.5) as StatsMessage;
    // Every object the simulated device reports has its type.
    const stats = filterStats(report.stats as StatsObject[]) as RtcStatsObject[];
    const row: StatsSampleRow = {
      sessionId,
      participantId,
      seq,
      messageIndex: 0,
      peerConnectionId: report.peerConnectionId ?? null,
      ts: new Date(report.timestamp),
      receivedAt: new Date(report.timestamp + 40),
      ...statsSampleColumns(stats),
      stats,
    };
    return STATS_SAMPLE_TABLE.prepare(row, seq);
  });
}

main().catch((error: unknown) => {
  console.error(error);
  process.exit(1);
});
