import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { In, Repository } from 'typeorm';
import { Participant, type ParticipantRole } from '../entities';

export interface NewParticipant {
  sessionId: string;
  displayName: string;
  role: ParticipantRole;
  consentStorage?: boolean;
  consentResearch?: boolean;
  consentUpdatedAt?: Date | null;
}

/** Only the scopes present change. */
export interface ConsentUpdate {
  storage?: boolean;
  research?: boolean;
}

@Injectable()
export class ParticipantRepository {
  constructor(@InjectRepository(Participant) private readonly participants: Repository<Participant>) {}

  create(input: NewParticipant): Promise<Participant> {
    return this.participants.save(
      this.participants.create({
        consentStorage: false,
        consentResearch: false,
        consentUpdatedAt: null,
        ...input,
      }),
    );
  }

  findById(id: string): Promise<Participant | null> {
    return this.participants.findOneBy({ id });
  }

  listBySession(sessionId: string): Promise<Participant[]> {
    return this.listBySessions([sessionId]);
  }

  async listBySessions(sessionIds: readonly string[]): Promise<Participant[]> {
    if (sessionIds.length === 0) return [];
    return this.participants.find({
      where: { sessionId: In([...sessionIds]) },
      order: { createdAt: 'ASC', id: 'ASC' },
    });
  }

  /** False when no participant has this id. */
  async updateConsent(id: string, change: ConsentUpdate, at: Date): Promise<boolean> {
    const result = await this.participants.update(
      { id },
      {
        ...(change.storage !== undefined ? { consentStorage: change.storage } : {}),
        ...(change.research !== undefined ? { consentResearch: change.research } : {}),
        consentUpdatedAt: at,
      },
    );
    return (result.affected ?? 0) > 0;
  }
}
