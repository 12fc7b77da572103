import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A closed observation episode (see Episode). */
export interface EpisodeRow {
  sessionId: string;
  /** Null for facilitator observations about the whole session. */
  participantId: string | null;
  type: string;
  startAt: Date;
  endAt: Date;
  durationSeconds: number;
  endedBy: string;
  detail: string | null;
}

export interface StoredEpisode extends EpisodeRow {
  /** bigint: a string, as pg returns it. */
  id: string;
}

interface EpisodeRecord {
  id: string;
  session_id: string;
  participant_id: string | null;
  type: string;
  start_at: Date;
  end_at: Date;
  duration_seconds: number;
  ended_by: string;
  detail: string | null;
}

/**
 * The pipeline writes an episode again when it rebuilds a session after a restart, so writes
 * are upserts on (session, participant, type, start); the unique index treats NULL
 * participants as equal, so session-wide observations upsert too.
 */
const UPSERT_SQL = `
  INSERT INTO "episode" ("session_id", "participant_id", "type", "start_at", "end_at", "duration_seconds", "ended_by", "detail")
  SELECT * FROM unnest($1::uuid[], $2::uuid[], $3::text[], $4::timestamptz[], $5::timestamptz[], $6::double precision[], $7::text[], $8::text[])
  ON CONFLICT ("session_id", "participant_id", "type", "start_at")
  DO UPDATE SET "end_at" = excluded."end_at", "duration_seconds" = excluded."duration_seconds",
    "ended_by" = excluded."ended_by", "detail" = excluded."detail"`;

@Injectable()
export class EpisodeRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** One statement for the whole batch. */
  async upsert(rows: readonly EpisodeRow[]): Promise<void> {
    // One statement may not update the same row twice: the last row for an episode wins.
    const unique = [...new Map(rows.map((row) => [episodeKey(row), row])).values()];
    if (unique.length === 0) return;
    await this.dataSource.query(UPSERT_SQL, [
      unique.map((row) => row.sessionId),
      unique.map((row) => row.participantId),
      unique.map((row) => row.type),
      unique.map((row) => row.startAt.toISOString()),
      unique.map((row) => row.endAt.toISOString()),
      unique.map((row) => row.durationSeconds),
      unique.map((row) => row.endedBy),
      unique.map((row) => row.detail),
    ]);
  }

  async listBySession(sessionId: string): Promise<StoredEpisode[]> {
    const records: EpisodeRecord[] = await this.dataSource.query(
      `SELECT * FROM "episode" WHERE "session_id" = $1 ORDER BY "start_at", "participant_id" NULLS FIRST, "type"`,
      [sessionId],
    );
    return records.map((record) => ({
      id: record.id,
      sessionId: record.session_id,
      participantId: record.participant_id,
      type: record.type,
      startAt: record.start_at,
      endAt: record.end_at,
      durationSeconds: record.duration_seconds,
      endedBy: record.ended_by,
      detail: record.detail,
    }));
  }
}

function episodeKey(row: EpisodeRow): string {
  return `${row.sessionId}/${row.participantId ?? ''}/${row.type}/${row.startAt.toISOString()}`;
}
