import { Injectable } from '@nestjs/common';
import { InjectDataSource } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';

/** A stored facilitator-logged observation (an `event` row of source `facilitator`). */
export interface StoredObservation {
  /** bigint: a string, as pg returns it. */
  id: string;
  code: string;
  /** The member it is about; null for the whole session. */
  participantId: string | null;
  at: Date;
}

/** The newest first, so a long session's timeline shows its latest observations. */
const SESSION_OBSERVATIONS_SQL = `
  SELECT "id", "type" AS "code", "participant_id", "at" FROM "event"
  WHERE "session_id" = $1 AND "source" = 'facilitator'
  ORDER BY "at" DESC, "id" DESC LIMIT $2`;

@Injectable()
export class FacilitatorObservationRepository {
  constructor(@InjectDataSource() private readonly dataSource: DataSource) {}

  /** A session's latest observations, oldest first. */
  async listForSession(sessionId: string, limit: number): Promise<StoredObservation[]> {
    const rows = await this.dataSource.query<
      Array<{ id: string; code: string; participant_id: string | null; at: Date }>
    >(SESSION_OBSERVATIONS_SQL, [sessionId, limit]);
    return rows.reverse().map((row) => ({ id: row.id, code: row.code, participantId: row.participant_id, at: row.at }));
  }
}
