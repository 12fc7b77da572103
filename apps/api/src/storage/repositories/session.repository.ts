import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Participant, TherapySession, type SessionStatus } from '../entities';

export interface NewSession {
  groupId: string;
  title: string | null;
  scheduledStart: Date;
  facilitatorDisplayName: string;
}

export interface SessionStatusChange {
  status: SessionStatus;
  startedAt?: Date | null;
  endedAt?: Date | null;
}

/** How many sessions listRecent() returns unless told otherwise. */
const RECENT_SESSIONS = 100;

@Injectable()
export class SessionRepository {
  constructor(@InjectRepository(TherapySession) private readonly sessions: Repository<TherapySession>) {}

  /** A session is never without its facilitator: both rows are written in one transaction. */
  createWithFacilitator(input: NewSession): Promise<{ session: TherapySession; facilitator: Participant }> {
    return this.sessions.manager.transaction(async (manager) => {
      const sessions = manager.getRepository(TherapySession);
      const participants = manager.getRepository(Participant);
      const session = await sessions.save(
        sessions.create({
          groupId: input.groupId,
          title: input.title,
          scheduledStart: input.scheduledStart,
          status: 'scheduled',
          startedAt: null,
          endedAt: null,
        }),
      );
      const facilitator = await participants.save(
        participants.create({
          sessionId: session.id,
          displayName: input.facilitatorDisplayName,
          role: 'facilitator',
          consentStorage: false,
          consentResearch: false,
          consentUpdatedAt: null,
        }),
      );
      return { session, facilitator };
    });
  }

  findById(id: string): Promise<TherapySession | null> {
    return this.sessions.findOneBy({ id });
  }

  /** The most recently scheduled sessions first. */
  listRecent(limit = RECENT_SESSIONS): Promise<TherapySession[]> {
    return this.sessions.find({ order: { scheduledStart: 'DESC', id: 'ASC' }, take: limit });
  }

  listByGroup(groupId: string): Promise<TherapySession[]> {
    return this.sessions.find({ where: { groupId }, order: { scheduledStart: 'ASC', id: 'ASC' } });
  }

  /** False when no session has this id. */
  async updateStatus(id: string, change: SessionStatusChange): Promise<boolean> {
    const result = await this.sessions.update({ id }, change);
    return (result.affected ?? 0) > 0;
  }
}
