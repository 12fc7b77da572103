import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/**
 * The highest row ids of the raw tables when the pipeline started. Rows up to these were
 * written before start-up and must be replayed to rebuild a session; later rows reach the
 * pipeline live, through ingest, and replaying them too would count them twice.
 */
export interface ReplayCutoff {
  statsSampleId: string;
  eventId: string;
  utteranceId: string;
}

/** Where a page of the replay ended; the next page starts after it. */
export interface ReplayPosition {
  /** The row's event time as PostgreSQL prints it, so that it round-trips exactly (µs). */
  atKey: string;
  table: number;
  id: string;
}

interface RawRowBase {
  id: string;
  position: ReplayPosition;
  /** Event time, epoch ms: the report's timestamp, the event's time, the utterance's end. */
  at: number;
}

/** A stored raw row, as the pipeline replays it: one message of one participant. */
export type StoredRawRow =
  | (RawRowBase & {
      table: 'stats_sample';
      participantId: string;
      seq: number;
      receivedAt: number;
      peerConnectionId: string | null;
      stats: unknown;
    })
  | (RawRowBase & {
      table: 'event';
      participantId: string | null;
      seq: number | null;
      receivedAt: number;
      source: string;
      type: string;
      state: string | null;
      payload: unknown;
    })
  | (RawRowBase & { table: 'utterance'; participantId: string; seq: number; start: number });

interface RawRecord {
  table_order: number;
  id: string;
  participant_id: string | null;
  at_key: string;
  at_ms: number;
  received_at_ms: number | null;
  start_ms: number | null;
  seq: string | null;
  peer_connection_id: string | null;
  body: unknown;
  source: string | null;
  type: string | null;
  state: string | null;
}

const TABLE_ORDER = { stats_sample: 0, event: 1, utterance: 2 } as const;

const CUTOFF_SQL = `
  SELECT (SELECT coalesce(max("id"), 0) FROM "stats_sample")::text AS "stats_sample_id",
         (SELECT coalesce(max("id"), 0) FROM "event")::text AS "event_id",
         (SELECT coalesce(max("id"), 0) FROM "utterance")::text AS "utterance_id"`;

/**
 * One page of a session's raw rows in event-time order (ties: stats, then events, then
 * utterances, then id), after a position: keyset pagination, so a long session streams in
 * pages and no query holds a cursor open. Only device utterances: estimated ones are the
 * pipeline's own output. Times come back as epoch ms (numeric, so exact to the microsecond).
 * The report column is json (decision 0003), so event payloads are read as json too.
 */
const PAGE_SQL = `
  SELECT "table_order", "id", "participant_id", "at"::text AS "at_key",
    (extract(epoch FROM "at") * 1000)::double precision AS "at_ms",
    (extract(epoch FROM "received_at") * 1000)::double precision AS "received_at_ms",
    (extract(epoch FROM "start_at") * 1000)::double precision AS "start_ms",
    "seq", "peer_connection_id", "body", "source", "type", "state"
  FROM (
    SELECT 0 AS "table_order", "id", "participant_id", "ts" AS "at", "received_at", NULL::timestamptz AS "start_at",
      "seq", "peer_connection_id", "stats" AS "body", NULL::text AS "source", NULL::text AS "type", NULL::text AS "state"
    FROM "stats_sample"
    WHERE "session_id" = $1 AND "id" <= $2 AND ("ts", 0, "id") > ($5::timestamptz, $6::integer, $7::bigint)
    UNION ALL
    SELECT 1, "id", "participant_id", "at", "received_at", NULL::timestamptz, "seq", NULL::text, "payload"::json, "source", "type", "state"
    FROM "event"
    WHERE "session_id" = $1 AND "id" <= $3 AND ("at", 1, "id") > ($5::timestamptz, $6::integer, $7::bigint)
    UNION ALL
    SELECT 2, "id", "participant_id", "end_at", NULL::timestamptz, "start_at", "seq", NULL::text, NULL::json, NULL::text,
      NULL::text, NULL::text
    FROM "utterance"
    WHERE "session_id" = $1 AND "source" = 'device' AND "id" <= $4
      AND ("end_at", 2, "id") > ($5::timestamptz, $6::integer, $7::bigint)
  ) AS "raw"
  ORDER BY "at", "table_order", "id"
  LIMIT $8`;

const BEFORE_EVERYTHING: ReplayPosition = { atKey: '-infinity', table: -1, id: '0' };

/** Reads what the live pipeline needs to rebuild a session's state after a restart. */
@Injectable()
export class SessionReplayRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  async cutoff(): Promise<ReplayCutoff> {
    const [row] =
      await this.dataSource.query<Array<{ stats_sample_id: string; event_id: string; utterance_id: string }>>(
        CUTOFF_SQL,
      );
    return { statsSampleId: row.stats_sample_id, eventId: row.event_id, utteranceId: row.utterance_id };
  }

  /** Sessions that were live when the process stopped: the pipeline resumes them at start-up. */
  async liveSessionIds(): Promise<string[]> {
    const rows: Array<{ id: string }> = await this.dataSource.query(
      `SELECT "id" FROM "therapy_session" WHERE "status" = 'live' ORDER BY "started_at", "id"`,
    );
    return rows.map((row) => row.id);
  }

  /** Up to `limit` rows after `after` (from the start when undefined), written up to `cutoff`. */
  async readPage(
    sessionId: string,
    cutoff: ReplayCutoff,
    after: ReplayPosition | undefined,
    limit: number,
  ): Promise<StoredRawRow[]> {
    const from = after ?? BEFORE_EVERYTHING;
    const records: RawRecord[] = await this.dataSource.query(PAGE_SQL, [
      sessionId,
      cutoff.statsSampleId,
      cutoff.eventId,
      cutoff.utteranceId,
      from.atKey,
      from.table,
      from.id,
      limit,
    ]);
    return records.map(toRawRow);
  }
}

function toRawRow(record: RawRecord): StoredRawRow {
  const base: RawRowBase = {
    id: record.id,
    position: { atKey: record.at_key, table: record.table_order, id: record.id },
    at: record.at_ms,
  };
  switch (record.table_order) {
    case TABLE_ORDER.stats_sample:
      return {
        ...base,
        table: 'stats_sample',
        participantId: record.participant_id ?? '',
        seq: Number(record.seq),
        receivedAt: record.received_at_ms ?? record.at_ms,
        peerConnectionId: record.peer_connection_id,
        stats: record.body,
      };
    case TABLE_ORDER.event:
      return {
        ...base,
        table: 'event',
        participantId: record.participant_id,
        seq: record.seq === null ? null : Number(record.seq),
        receivedAt: record.received_at_ms ?? record.at_ms,
        source: record.source ?? '',
        type: record.type ?? '',
        state: record.state,
        payload: record.body,
      };
    default:
      return {
        ...base,
        table: 'utterance',
        participantId: record.participant_id ?? '',
        seq: Number(record.seq),
        start: record.start_ms ?? record.at_ms,
      };
  }
}
