import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { IsNull, Repository } from 'typeorm';
import { AlertRecord } from '../entities';

/** An alert as stored (see AlertRecord). */
export interface AlertRow {
  id: string;
  sessionId: string;
  participantId: string | null;
  rule: string;
  severity: string;
  message: string;
  raisedAt: Date | null;
  clearedAt: Date | null;
  acknowledgedAt: Date | null;
  snoozedUntil: Date | null;
  queuedAt: Date | null;
}

@Injectable()
export class AlertRepository {
  constructor(@InjectRepository(AlertRecord) private readonly alerts: Repository<AlertRecord>) {}

  /** Inserts the alert or replaces its stored state (alerts change several times). */
  async save(row: AlertRow): Promise<void> {
    await this.alerts.upsert(row, ['id']);
  }

  /** Closes every alert of the session still open (queued or raised, not cleared); returns how many. */
  async clearOpen(sessionId: string, at: Date): Promise<number> {
    const result = await this.alerts.update({ sessionId, clearedAt: IsNull() }, { clearedAt: at });
    return result.affected ?? 0;
  }

  findById(id: string): Promise<AlertRow | null> {
    return this.alerts.findOneBy({ id });
  }

  /** Oldest first: by when it was queued or raised. */
  listBySession(sessionId: string): Promise<AlertRow[]> {
    return this.alerts
      .find({ where: { sessionId } })
      .then((rows) => rows.sort((a, b) => firstSeen(a) - firstSeen(b) || a.id.localeCompare(b.id)));
  }
}

function firstSeen(row: AlertRow): number {
  return (row.queuedAt ?? row.raisedAt ?? new Date(0)).getTime();
}
