import { Inject, Injectable, Logger } from '@nestjs/common';
import { EpisodeRepository, EstimatedUtteranceRepository, MetricWindowRepository } from '../storage/repositories';
import { PIPELINE_SETTINGS, type PipelineSettings } from './pipeline-settings';
import { resultRows, type ResultRows } from './result-rows';
import type { FinalResults } from './session-output';

/** Beyond this many waiting rows (the database down for long), the oldest are dropped, counted and logged. */
const MAX_PENDING_ROWS = 500_000;
const RETRY_BASE_MS = 200;
const RETRY_MAX_MS = 10_000;
/** A clean shutdown waits this long for an unreachable database before giving up on results. */
const SHUTDOWN_TIMEOUT_MS = 15_000;

export interface ResultsWriterCounters {
  rowsWritten: number;
  rowsDropped: number;
  pendingRows: number;
  failedWrites: number;
}

/**
 * Writes the pipeline's final results of every session in batches: one upsert statement per
 * table and batch (never one INSERT per window), when `writeBatchRows` rows wait or
 * `writeIntervalMs` after the first one. One batch is in flight at a time. A failed batch is
 * retried with backoff; the rows are upserts, so a retry or a rebuild after a restart cannot
 * count anything twice, and what is lost to a long outage is recomputed by the next rebuild.
 */
@Injectable()
export class ResultsWriter {
  private readonly logger = new Logger(ResultsWriter.name);
  private pending: ResultRows = emptyRows();
  private pendingCount = 0;
  private timer: NodeJS.Timeout | undefined;
  private draining: Promise<void> | undefined;
  private giveUpAt: number | undefined;
  private readonly totals = { rowsWritten: 0, rowsDropped: 0, failedWrites: 0 };

  // Only their upserts are needed, which keeps the tests' fakes small.
  constructor(
    @Inject(MetricWindowRepository) private readonly windows: Pick<MetricWindowRepository, 'upsert'>,
    @Inject(EpisodeRepository) private readonly episodes: Pick<EpisodeRepository, 'upsert'>,
    @Inject(EstimatedUtteranceRepository) private readonly utterances: Pick<EstimatedUtteranceRepository, 'upsert'>,
    @Inject(PIPELINE_SETTINGS) private readonly settings: PipelineSettings,
  ) {}

  enqueue(sessionId: string, results: FinalResults): void {
    const rows = resultRows(sessionId, results);
    this.pending.windows.push(...rows.windows);
    this.pending.episodes.push(...rows.episodes);
    this.pending.utterances.push(...rows.utterances);
    this.pendingCount += countRows(rows);
    if (this.pendingCount > MAX_PENDING_ROWS) this.dropOldest(this.pendingCount - MAX_PENDING_ROWS);
    if (this.pendingCount >= this.settings.writeBatchRows) {
      this.startDraining();
    } else {
      this.timer ??= setTimeout(() => this.startDraining(), this.settings.writeIntervalMs).unref();
    }
  }

  /** Resolves once everything enqueued so far is written (or given up on at shutdown, and logged). */
  async flush(): Promise<void> {
    while (this.pendingCount > 0 || this.draining) {
      this.startDraining();
      await this.draining;
    }
  }

  /** For shutdown: like flush(), but gives up after a while if the database is unreachable. */
  async flushForShutdown(): Promise<void> {
    this.giveUpAt ??= Date.now() + SHUTDOWN_TIMEOUT_MS;
    await this.flush();
    this.clearTimer();
  }

  counters(): ResultsWriterCounters {
    return { ...this.totals, pendingRows: this.pendingCount };
  }

  private startDraining(): void {
    this.clearTimer();
    if (this.draining || this.pendingCount === 0) return;
    this.draining = this.drain()
      .catch((error: unknown) => this.logger.error(`The results writer stopped unexpectedly: ${describe(error)}`))
      .finally(() => {
        this.draining = undefined;
      });
  }

  private async drain(): Promise<void> {
    for (let attempt = 1; this.pendingCount > 0;) {
      const batch = this.take(this.settings.writeBatchRows);
      try {
        await this.write(batch);
        this.totals.rowsWritten += countRows(batch);
        attempt = 1;
      } catch (error) {
        this.totals.failedWrites += 1;
        if (this.giveUpAt !== undefined && Date.now() >= this.giveUpAt) {
          this.totals.rowsDropped += countRows(batch);
          this.logger.error(
            `Gave up on ${countRows(batch)} result rows at shutdown (${describe(error)}); a rebuild recomputes them`,
          );
          continue;
        }
        this.putBack(batch);
        const delayMs = Math.min(RETRY_MAX_MS, RETRY_BASE_MS * 2 ** (attempt - 1));
        this.logger.warn(
          `Writing ${countRows(batch)} result rows failed (${describe(error)}); retrying in ${delayMs} ms`,
        );
        attempt += 1;
        await sleep(delayMs);
      }
    }
  }

  /** Windows first: they are what reports read. */
  private async write(batch: ResultRows): Promise<void> {
    await this.windows.upsert(batch.windows);
    await this.episodes.upsert(batch.episodes);
    await this.utterances.upsert(batch.utterances);
  }

  private take(maxRows: number): ResultRows {
    const batch = emptyRows();
    let room = maxRows;
    for (const table of ['windows', 'episodes', 'utterances'] as const) {
      const taken = this.pending[table].splice(0, room);
      (batch[table] as unknown[]).push(...taken);
      room -= taken.length;
    }
    this.pendingCount -= countRows(batch);
    return batch;
  }

  private putBack(batch: ResultRows): void {
    this.pending.windows.unshift(...batch.windows);
    this.pending.episodes.unshift(...batch.episodes);
    this.pending.utterances.unshift(...batch.utterances);
    this.pendingCount += countRows(batch);
  }

  private dropOldest(count: number): void {
    let left = count;
    for (const table of ['windows', 'episodes', 'utterances'] as const) {
      left -= this.pending[table].splice(0, left).length;
    }
    this.pendingCount -= count - left;
    this.totals.rowsDropped += count - left;
    this.logger.error(
      `Dropped ${count - left} result rows: the database has been unreachable for long; a rebuild recomputes them`,
    );
  }

  private clearTimer(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
  }
}

function emptyRows(): ResultRows {
  return { windows: [], episodes: [], utterances: [] };
}

function countRows(rows: ResultRows): number {
  return rows.windows.length + rows.episodes.length + rows.utterances.length;
}

/** Only the error's kind and code: messages can quote row values. */
function describe(error: unknown): string {
  const cause = typeof error === 'object' && error !== null && 'driverError' in error ? error.driverError : error;
  const code = typeof cause === 'object' && cause !== null && 'code' in cause ? String(cause.code) : '';
  const name = cause instanceof Error ? cause.name : typeof cause;
  return code ? `${name} ${code}` : name;
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
