import { Injectable } from '@nestjs/common';
import { InjectRepository } from '@nestjs/typeorm';
import { Repository } from 'typeorm';
import { Organisation, TherapyGroup, TherapySession } from '../entities';

/** Each organisation's overrides of the live-alert thresholds (validated by the alerts module). */
@Injectable()
export class AlertSettingsRepository {
  constructor(
    @InjectRepository(Organisation) private readonly organisations: Repository<Organisation>,
    @InjectRepository(TherapySession) private readonly sessions: Repository<TherapySession>,
    @InjectRepository(TherapyGroup) private readonly groups: Repository<TherapyGroup>,
  ) {}

  /** Undefined when there is no such organisation; null when it keeps the defaults. */
  async findByOrganisation(organisationId: string): Promise<Record<string, number> | null | undefined> {
    const organisation = await this.organisations.findOneBy({ id: organisationId });
    return organisation ? organisation.alertSettings : undefined;
  }

  /** False when there is no such organisation. */
  async saveForOrganisation(organisationId: string, overrides: Record<string, number> | null): Promise<boolean> {
    const result = await this.organisations.update({ id: organisationId }, { alertSettings: overrides });
    return (result.affected ?? 0) > 0;
  }

  /** The overrides of the organisation a session belongs to (null: the defaults, or no such session). */
  async findBySession(sessionId: string): Promise<Record<string, number> | null> {
    const session = await this.sessions.findOneBy({ id: sessionId });
    if (!session) return null;
    const group = await this.groups.findOneBy({ id: session.groupId });
    if (!group) return null;
    return (await this.findByOrganisation(group.organisationId)) ?? null;
  }
}
