import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** An utterance the pipeline estimated from a member's audio energy (source 'energy'). */
export interface EstimatedUtteranceRow {
  sessionId: string;
  participantId: string;
  startAt: Date;
  endAt: Date;
  /** The seq of the speaker's latest envelope the estimate drew on (see Utterance.seq). */
  seq: number;
}

export interface StoredUtterance {
  id: string;
  participantId: string;
  startAt: Date;
  endAt: Date;
  source: 'device' | 'energy';
}

/**
 * Estimates are written again when the pipeline rebuilds a session after a restart, so they
 * are upserts on the partial unique index over energy utterances; device utterances, which
 * ingest writes, are never touched.
 */
const UPSERT_SQL = `
  INSERT INTO "utterance" ("session_id", "participant_id", "start_at", "end_at", "seq", "source")
  SELECT "session_id", "participant_id", "start_at", "end_at", "seq", 'energy'
  FROM unnest($1::uuid[], $2::uuid[], $3::timestamptz[], $4::timestamptz[], $5::bigint[])
    AS batch("session_id", "participant_id", "start_at", "end_at", "seq")
  ON CONFLICT ("session_id", "participant_id", "start_at") WHERE "source" = 'energy'
  DO UPDATE SET "end_at" = excluded."end_at"`;

@Injectable()
export class EstimatedUtteranceRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async upsert(rows: readonly EstimatedUtteranceRow[]): Promise<void> {
    // One statement may not update the same row twice: the last estimate for a start wins.
    const unique = [...new Map(rows.map((row) => [utteranceKey(row), row])).values()];
    if (unique.length === 0) return;
    await this.dataSource.query(UPSERT_SQL, [
      unique.map((row) => row.sessionId),
      unique.map((row) => row.participantId),
      unique.map((row) => row.startAt.toISOString()),
      unique.map((row) => row.endAt.toISOString()),
      unique.map((row) => row.seq),
    ]);
  }

  /** Every utterance of a session, device and estimated, by start. */
  async listBySession(sessionId: string): Promise<StoredUtterance[]> {
    const records: Array<{
      id: string;
      participant_id: string;
      start_at: Date;
      end_at: Date;
      source: 'device' | 'energy';
    }> = await this.dataSource.query(
      `SELECT "id", "participant_id", "start_at", "end_at", "source" FROM "utterance"
         WHERE "session_id" = $1 ORDER BY "start_at", "participant_id", "id"`,
      [sessionId],
    );
    return records.map((record) => ({
      id: record.id,
      participantId: record.participant_id,
      startAt: record.start_at,
      endAt: record.end_at,
      source: record.source,
    }));
  }
}

function utteranceKey(row: EstimatedUtteranceRow): string {
  return `${row.sessionId}/${row.participantId}/${row.startAt.toISOString()}`;
}
