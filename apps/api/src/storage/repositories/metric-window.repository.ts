import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** One window's metrics, per participant or (participantId null) for the whole session. */
export interface MetricWindowRow {
  sessionId: string;
  participantId: string | null;
  windowStart: Date;
  windowSeconds: number;
  metrics: Record<string, unknown>;
  metricVersion: number;
}

export interface StoredMetricWindow extends MetricWindowRow {
  /** bigint: a string, as pg returns it. */
  id: string;
}

interface MetricWindowRecord {
  id: string;
  session_id: string;
  participant_id: string | null;
  window_start: Date;
  window_seconds: number;
  metrics: Record<string, unknown>;
  metric_version: number;
}

/**
 * Windows are recomputed when late data arrives or the metric version changes, so writes are
 * upserts on (session, participant, window start, window length); the unique index treats
 * NULL participants as equal, so session-level windows upsert too.
 */
const UPSERT_SQL = `
  INSERT INTO "metric_window" ("session_id", "participant_id", "window_start", "window_seconds", "metrics", "metric_version")
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::integer[], $5::jsonb[], $6::integer[])
  ON CONFLICT ("session_id", "participant_id", "window_start", "window_seconds")
  DO UPDATE SET "metrics" = excluded."metrics", "metric_version" = excluded."metric_version"`;

@Injectable()
export class MetricWindowRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async upsert(rows: readonly MetricWindowRow[]): Promise<void> {
    // One statement may not update the same row twice: the last row for a window wins.
    const unique = [...new Map(rows.map((row) => [windowKey(row), row])).values()];
    if (unique.length === 0) return;
    await this.dataSource.query(UPSERT_SQL, [
      unique.map((row) => row.sessionId),
      unique.map((row) => row.participantId),
      unique.map((row) => row.windowStart.toISOString()),
      unique.map((row) => row.windowSeconds),
      unique.map((row) => JSON.stringify(row.metrics)),
      unique.map((row) => row.metricVersion),
    ]);
  }

  async listBySession(sessionId: string, windowSeconds: number): Promise<StoredMetricWindow[]> {
    const records: MetricWindowRecord[] = await this.dataSource.query(
      `SELECT * FROM "metric_window" WHERE "session_id" = $1 AND "window_seconds" = $2
       ORDER BY "window_start", "participant_id" NULLS FIRST`,
      [sessionId, windowSeconds],
    );
    return records.map((record) => ({
      id: record.id,
      sessionId: record.session_id,
      participantId: record.participant_id,
      windowStart: record.window_start,
      windowSeconds: record.window_seconds,
      metrics: record.metrics,
      metricVersion: record.metric_version,
    }));
  }
}

function windowKey(row: MetricWindowRow): string {
  return `${row.sessionId}/${row.participantId ?? ''}/${row.windowStart.toISOString()}/${row.windowSeconds}`;
}
