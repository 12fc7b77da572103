import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { SessionOutcome } from '../entities';

export interface SessionOutcomeRow {
  sessionId: string;
  finalSnapshot: object | null;
  report: object | null;
  recordedAt: Date;
}

@Injectable()
export class SessionOutcomeRepository {
  constructor(@InjectRepository(SessionOutcome) private readonly outcomes: Repository<SessionOutcome>) {}

  /** A session that ends again after a restart overwrites what it recorded before. */
  async save(row: SessionOutcomeRow): Promise<void> {
    await this.outcomes.upsert(row, ['sessionId']);
  }

  findBySession(sessionId: string): Promise<SessionOutcomeRow | null> {
    return this.outcomes.findOneBy({ sessionId });
  }
}
