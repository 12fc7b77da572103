import { BeforeApplicationShutdown, Inject, Injectable, Logger, OnApplicationShutdown } from '@nestjs/common';
import type { PoolClient } from 'pg';
import { from as copyFrom } from 'pg-copy-streams';
import { DataSource, QueryFailedError } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import type { RtcStatsObject } from './stats-sample-columns';
import {
  EVENT_TABLE,
  STATS_SAMPLE_TABLE,
  UTTERANCE_TABLE,
  type EventRow,
  type IngestTable,
  type PreparedRow,
  type StatsSampleRow,
  type UtteranceRow,
} from './ingest-rows';

export { IngestRowError, type EventRow, type StatsSampleRow, type UtteranceRow } from './ingest-rows';

/** For the benchmark and health checks. */
export interface IngestWriterCounters {
  rowsEnqueued: number;
  rowsPersisted: number;
  /** Rows the database refused as invalid (see the class comment); logged as counts. */
  rowsRejected: number;
  /** Rows abandoned because the database stayed unreachable through a shutdown. */
  rowsLost: number;
  /** Successful INSERT statements. */
  flushes: number;
  /** Failed INSERT statements, including each retry. */
  failedFlushes: number;
  /** Enqueued and not yet persisted, rejected or lost. */
  pendingRows: number;
  pendingBytes: number;
}

/** Thrown by enqueue*() while more than MAX_PENDING_BYTES wait: do not acknowledge, retry later. */
export class IngestBackpressureError extends Error {
  constructor(pendingBytes: number) {
    super(`The ingest writer has ${Math.round(pendingBytes / 2 ** 20)} MiB waiting for the database; retry later`);
    this.name = 'IngestBackpressureError';
  }
}

/**
 * One batch carries at most this much, whatever flushRows says: stats reports can be 20 KB
 * each, and building a batch's text holds the event loop (about 10 ms per MiB).
 */
const MAX_BATCH_BYTES = 4 * 2 ** 20;
/** Beyond this, enqueue*() refuses rows (see IngestBackpressureError) instead of growing without bound. */
const MAX_PENDING_BYTES = 256 * 2 ** 20;
const RETRY_BASE_MS = 100;
const RETRY_MAX_MS = 5_000;
/** A clean shutdown waits this long for an unreachable database before giving up on rows. */
const SHUTDOWN_FLUSH_TIMEOUT_MS = 30_000;

// A facilitator event is stored under the member it is about; its seq is the facilitator's.
const RECENT_SEQS_SQL = `
  SELECT "seq" FROM "stats_sample" WHERE "session_id" = $1 AND "participant_id" = $2
  UNION SELECT "seq" FROM "event" WHERE "session_id" = $1 AND "participant_id" = $2 AND "source" <> 'facilitator'
  UNION SELECT "seq" FROM "utterance" WHERE "session_id" = $1 AND "participant_id" = $2 AND "source" = 'device'
  UNION SELECT "seq" FROM "event" WHERE "session_id" = $1 AND "source" = 'facilitator' AND "seq" IS NOT NULL AND "payload"->>'loggedBy' = $2::text
  ORDER BY "seq" DESC LIMIT $3`;

/**
 * One stored report, for resolving a delta whose baseline the server's memory lost (a restart):
 * the last of the peer connection's reports in that envelope, which is what `deltaOf` means.
 */
const STORED_STATS_REPORT_SQL = `
  SELECT "stats" FROM "stats_sample"
  WHERE "session_id" = $1 AND "participant_id" = $2 AND "seq" = $3 AND "peer_connection_id" IS NOT DISTINCT FROM $4
  ORDER BY "message_index" DESC
  LIMIT 1`;

/**
 * SQLSTATE classes that blame the rows rather than the database: data exceptions (22),
 * integrity violations (23) and program limits such as an oversized row (54). Retrying the
 * same batch cannot help, but splitting it can save its valid rows.
 */
const ROW_REJECTION_CLASSES = new Set(['22', '23', '54']);

/**
 * The batched writer, and the repository, of the raw ingest tables (stats_sample, event,
 * utterance). Rows wait in memory and are written with one COPY per table and batch on
 * PostgreSQL (half the database's time of the alternative, and a third less of ours:
 * docs/decisions/0005-ingest-backpressure-and-copy.md), or one `INSERT … SELECT … unnest(…)`
 * on the embedded database, when `storage.flushRows` rows wait or `storage.flushIntervalMs`
 * after the first one arrived. One batch is in flight at a time, so batches never compete for the
 * database (or for PGlite's single connection).
 *
 * Nothing is dropped silently. A batch that fails for a reason outside the rows (connection
 * lost, disk full, missing table) is retried with backoff for as long as it takes. A batch
 * the database refuses because of its rows is split in halves until the offending rows are
 * isolated; those are counted and logged as counts and SQLSTATE only, never values (they
 * may hold names or free text), and the rest are stored. On shutdown, everything enqueued
 * is flushed before the database closes.
 */
@Injectable()
export class IngestWriter implements BeforeApplicationShutdown, OnApplicationShutdown {
  private readonly logger = new Logger(IngestWriter.name);
  private readonly statsSamples = new TableQueue(STATS_SAMPLE_TABLE);
  private readonly events = new TableQueue(EVENT_TABLE);
  private readonly utterances = new TableQueue(UTTERANCE_TABLE);
  private readonly queues: ReadonlyArray<TableQueue<unknown>> = [this.statsSamples, this.events, this.utterances];
  private readonly totals = { rowsPersisted: 0, rowsRejected: 0, rowsLost: 0, flushes: 0, failedFlushes: 0 };
  private readonly flushWaiters: FlushWaiter[] = [];
  private readonly drainWaiters: DrainWaiter[] = [];
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private nextQueue = 0;
  private closed = false;
  private shutdownDeadline: number | undefined;

  constructor(
    private readonly dataSource: DataSource,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'storage' | 'databaseUrl'>,
  ) {}

  /**
   * Queues the rows of one envelope all together or not at all, so that a refusal (shutdown,
   * backpressure) never leaves half an acknowledged envelope behind.
   */
  enqueueEnvelope(rows: {
    statsSamples: readonly StatsSampleRow[];
    events: readonly EventRow[];
    utterances: readonly UtteranceRow[];
  }): void {
    this.assertAccepting();
    this.enqueue(this.statsSamples, rows.statsSamples);
    this.enqueue(this.events, rows.events);
    this.enqueue(this.utterances, rows.utterances);
  }

  /** Checks every row first (throwing IngestRowError for a malformed one), then queues all. */
  enqueueStatsSamples(rows: readonly StatsSampleRow[]): void {
    this.enqueue(this.statsSamples, rows);
  }

  enqueueEvents(rows: readonly EventRow[]): void {
    this.enqueue(this.events, rows);
  }

  enqueueUtterances(rows: readonly UtteranceRow[]): void {
    this.enqueue(this.utterances, rows);
  }

  /** Resolves once every row enqueued before the call is persisted (or rejected or lost, and counted). */
  flush(): Promise<void> {
    const targets = this.queues.map((queue) => queue.enqueued);
    if (this.reached(targets)) return Promise.resolve();
    return new Promise<void>((resolve) => {
      this.flushWaiters.push({ targets, resolve });
      this.startDraining();
    });
  }

  /**
   * Resolves once at most `bytes` (estimated, as in counters().pendingBytes) wait for the
   * database: at once if that is already so. Ingest waits on it before taking more, so that a
   * database slower than the clients slows the clients down instead of filling memory.
   */
  whenPendingBytesAtMost(bytes: number): Promise<void> {
    if (this.pendingBytes() <= bytes) return Promise.resolve();
    return new Promise<void>((resolve) => this.drainWaiters.push({ bytes, resolve }));
  }

  /**
   * The latest distinct envelope seqs stored for a participant, newest first, so that ingest
   * recognises a resent envelope after a restart. Flushes first: rows still in memory count.
   */
  async recentSeqs(sessionId: string, participantId: string, limit: number): Promise<number[]> {
    await this.flush();
    const rows: Array<{ seq: string }> = await this.dataSource.query(RECENT_SEQS_SQL, [
      sessionId,
      participantId,
      limit,
    ]);
    return rows.map((row) => Number(row.seq));
  }

  async storedStatsReport(
    sessionId: string,
    participantId: string,
    seq: number,
    peerConnectionId: string | undefined,
  ): Promise<RtcStatsObject[] | undefined> {
    await this.flush();
    const rows: Array<{ stats: RtcStatsObject[] }> = await this.dataSource.query(STORED_STATS_REPORT_SQL, [
      sessionId,
      participantId,
      seq,
      peerConnectionId ?? null,
    ]);
    return rows[0]?.stats;
  }

  counters(): IngestWriterCounters {
    return {
      rowsEnqueued: sum(this.queues.map((queue) => queue.enqueued)),
      ...this.totals,
      pendingRows: sum(this.queues.map((queue) => queue.enqueued - queue.settled)),
      pendingBytes: this.pendingBytes(),
    };
  }

  /** While the database is certainly open: ingest stops accepting in its own hook, before this one. */
  async beforeApplicationShutdown(): Promise<void> {
    await this.flushForShutdown();
  }

  /** Catches rows that arrived after the first flush, if the database is still open. */
  async onApplicationShutdown(): Promise<void> {
    this.closed = true;
    const pending = this.counters().pendingRows;
    if (pending > 0 && this.dataSource.isInitialized) {
      await this.flushForShutdown();
    } else if (pending > 0) {
      this.logger.error(`${pending} ingest rows could not be written: the database closed first`);
    }
    this.clearTimer();
  }

  private enqueue<Row>(queue: TableQueue<Row>, rows: readonly Row[]): void {
    if (rows.length === 0) return;
    this.assertAccepting();
    queue.add(rows);
    if (sum(this.queues.map((each) => each.waiting)) >= this.config.storage.flushRows) {
      this.startDraining();
    } else {
      this.timer ??= setTimeout(() => this.startDraining(), this.config.storage.flushIntervalMs).unref();
    }
  }

  private assertAccepting(): void {
    if (this.closed) throw new Error('The ingest writer is closed: the application is shutting down');
    const pendingBytes = this.pendingBytes();
    if (pendingBytes > MAX_PENDING_BYTES) throw new IngestBackpressureError(pendingBytes);
  }

  private startDraining(): void {
    this.clearTimer();
    if (this.draining) return; // the running loop takes whatever waits
    this.draining = this.drain()
      .catch((error: unknown) => this.logger.error(`The ingest writer stopped unexpectedly: ${describe(error)}`))
      .finally(() => {
        this.draining = undefined;
        if (this.queues.some((queue) => queue.waiting > 0)) this.startDraining();
      });
  }

  /** Writes batches, taking the tables in turn so that a flood of stats cannot starve events. */
  private async drain(): Promise<void> {
    for (;;) {
      const queue = this.takeTurn();
      if (!queue) return;
      const batch = queue.take(this.config.storage.flushRows, MAX_BATCH_BYTES);
      const rejections: Rejections = { rows: 0, codes: new Set() };
      try {
        await this.write(queue.table, batch, rejections);
      } catch (error) {
        // write() handles every database error itself; this is a bug, and must not leave
        // flush() (and with it shutdown) waiting for rows that will never settle.
        this.totals.rowsLost += batch.length;
        this.logger.error(`Lost ${batch.length} ${queue.table.name} rows to an unexpected error: ${describe(error)}`);
      } finally {
        queue.settle(batch);
        this.resolveFlushWaiters();
      }
      if (rejections.rows > 0) {
        this.logger.error(
          `The database rejected ${rejections.rows} of ${batch.length} ${queue.table.name} rows ` +
            `(SQLSTATE ${[...rejections.codes].join(', ')}); the other rows were stored`,
        );
      }
    }
  }

  private takeTurn(): TableQueue<unknown> | undefined {
    for (let i = 0; i < this.queues.length; i += 1) {
      const queue = this.queues[(this.nextQueue + i) % this.queues.length];
      if (queue.waiting > 0) {
        this.nextQueue = (this.nextQueue + i + 1) % this.queues.length;
        return queue;
      }
    }
    return undefined;
  }

  private async write(
    table: IngestTable<unknown>,
    rows: readonly PreparedRow[],
    rejections: Rejections,
  ): Promise<void> {
    for (let attempt = 1; ; attempt += 1) {
      try {
        await this.insert(table, rows);
        this.totals.flushes += 1;
        this.totals.rowsPersisted += rows.length;
        return;
      } catch (error) {
        this.totals.failedFlushes += 1;
        const code = sqlState(error);
        if (code !== undefined && ROW_REJECTION_CLASSES.has(code.slice(0, 2))) {
          await this.isolateRejectedRows(table, rows, code, rejections);
          return;
        }
        if (this.shutdownDeadline !== undefined && Date.now() >= this.shutdownDeadline) {
          this.totals.rowsLost += rows.length;
          this.logger.error(
            `Gave up on ${rows.length} ${table.name} rows at shutdown after ${attempt} failed attempts (${describe(error)})`,
          );
          return;
        }
        const delayMs = retryDelayMs(attempt);
        this.logger.warn(
          `Writing ${rows.length} ${table.name} rows failed (attempt ${attempt}, ${describe(error)}); ` +
            `retrying in ${delayMs} ms`,
        );
        await sleep(delayMs);
      }
    }
  }

  private async isolateRejectedRows(
    table: IngestTable<unknown>,
    rows: readonly PreparedRow[],
    code: string,
    rejections: Rejections,
  ): Promise<void> {
    if (rows.length === 1) {
      this.totals.rowsRejected += 1;
      rejections.rows += 1;
      rejections.codes.add(code);
      return;
    }
    const middle = Math.ceil(rows.length / 2);
    await this.write(table, rows.slice(0, middle), rejections);
    await this.write(table, rows.slice(middle), rejections);
  }

  private async insert(table: IngestTable<unknown>, rows: readonly PreparedRow[]): Promise<void> {
    // Only PostgreSQL has COPY; the embedded database (no DATABASE_URL) gets the INSERT.
    if (this.config.databaseUrl === undefined) {
      await this.dataSource.query(table.insertSql, table.parameters(rows));
      return;
    }
    const runner = this.dataSource.createQueryRunner();
    try {
      const client = (await runner.connect()) as PoolClient;
      await new Promise<void>((resolve, reject) => {
        // 'finish' comes once PostgreSQL has confirmed the COPY; a refusal comes as 'error'
        // with its SQLSTATE, like a failed INSERT.
        const copy = client.query(copyFrom(table.copySql));
        copy.once('finish', resolve);
        copy.once('error', reject);
        copy.end(table.copyText(rows));
      });
    } finally {
      await runner.release();
    }
  }

  private async flushForShutdown(): Promise<void> {
    this.shutdownDeadline ??= Date.now() + SHUTDOWN_FLUSH_TIMEOUT_MS;
    await this.flush();
  }

  private reached(targets: readonly number[]): boolean {
    return this.queues.every((queue, i) => queue.settled >= targets[i]);
  }

  private resolveFlushWaiters(): void {
    for (let i = this.flushWaiters.length - 1; i >= 0; i -= 1) {
      const waiter = this.flushWaiters[i];
      if (this.reached(waiter.targets)) {
        this.flushWaiters.splice(i, 1);
        waiter.resolve();
      }
    }
    const pendingBytes = this.pendingBytes();
    for (let i = this.drainWaiters.length - 1; i >= 0; i -= 1) {
      const waiter = this.drainWaiters[i];
      if (pendingBytes <= waiter.bytes) {
        this.drainWaiters.splice(i, 1);
        waiter.resolve();
      }
    }
  }

  /** Enqueued and not yet settled, in bytes (estimated). Cheap enough for every envelope. */
  pendingBytes(): number {
    return this.statsSamples.pendingBytes + this.events.pendingBytes + this.utterances.pendingBytes;
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

/** The rows of one table, in order: waiting, then in flight, then settled. */
class TableQueue<Row> {
  /** Rows ever enqueued and rows done with (persisted, rejected or lost): flush() compares them. */
  enqueued = 0;
  settled = 0;
  /** Waiting and in-flight rows. */
  pendingBytes = 0;
  private rows: PreparedRow[] = [];

  constructor(readonly table: IngestTable<Row>) {}

  get waiting(): number {
    return this.rows.length;
  }

  add(rows: readonly Row[]): void {
    const prepared = rows.map((row, index) => this.table.prepare(row, index));
    for (const row of prepared) {
      this.rows.push(row);
      this.pendingBytes += row.bytes;
    }
    this.enqueued += prepared.length;
  }

  take(maxRows: number, maxBytes: number): PreparedRow[] {
    let count = 0;
    let bytes = 0;
    while (count < this.rows.length && count < maxRows && (count === 0 || bytes + this.rows[count].bytes <= maxBytes)) {
      bytes += this.rows[count].bytes;
      count += 1;
    }
    return this.rows.splice(0, count);
  }

  settle(batch: readonly PreparedRow[]): void {
    this.settled += batch.length;
    this.pendingBytes -= sum(batch.map((row) => row.bytes));
  }
}

interface FlushWaiter {
  targets: readonly number[];
  resolve(): void;
}

interface DrainWaiter {
  bytes: number;
  resolve(): void;
}

interface Rejections {
  rows: number;
  codes: Set<string>;
}

/** The SQLSTATE of a database error; absent for connection errors and the like. */
function sqlState(error: unknown): string | undefined {
  const cause = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? cause.code : undefined;
  return typeof code === 'string' && /^[0-9A-Z]{5}$/.test(code) ? code : undefined;
}

/** What may be logged about an error: its kind and code, never its message, which can quote row values. */
function describe(error: unknown): string {
  const code = sqlState(error);
  if (code !== undefined) return `SQLSTATE ${code}`;
  const cause = error instanceof QueryFailedError ? (error.driverError as unknown) : error;
  const name = cause instanceof Error ? cause.name : typeof cause;
  const systemCode =
    typeof cause === 'object' && cause !== null && 'code' in cause && typeof cause.code === 'string' ? cause.code : '';
  return systemCode ? `${name} ${systemCode}` : name;
}

function retryDelayMs(attempt: number): number {
  const exponential = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempt - 1));
  // Jitter, so that several instances recovering together do not retry in lockstep.
  return Math.round(exponential * (0.8 + Math.random() * 0.4));
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sum(values: readonly number[]): number {
  return values.reduce((total, value) => total + value, 0);
}
