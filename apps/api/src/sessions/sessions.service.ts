import { Inject, Injectable } from '@nestjs/common';
import { TokenService } from '../auth/token.service';
import { conflict, notFound } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import {
  GroupRepository,
  OrganisationRepository,
  ParticipantRepository,
  SessionRepository,
} from '../storage/repositories';
import { SessionEvents } from './session-events';
import {
  AddParticipantDto,
  CreateGroupDto,
  CreateOrganisationDto,
  CreateSessionDto,
  GroupResponse,
  IngestTokenResponse,
  IssueTokenDto,
  OrganisationResponse,
  ParticipantResponse,
  SessionResponse,
} from './sessions.dto';
import { mapGroup, mapOrganisation, mapParticipant, mapSession } from './sessions.mapper';

/** Organisations, groups, sessions and their participants; issues participants' ingest tokens. */
@Injectable()
export class SessionsService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly organisations: OrganisationRepository,
    private readonly groups: GroupRepository,
    private readonly sessions: SessionRepository,
    private readonly participants: ParticipantRepository,
    private readonly tokens: TokenService,
    private readonly events: SessionEvents,
  ) {}

  async createOrganisation(dto: CreateOrganisationDto): Promise<OrganisationResponse> {
    return mapOrganisation(await this.organisations.create({ name: dto.name }));
  }

  async listOrganisations(): Promise<OrganisationResponse[]> {
    return (await this.organisations.list()).map(mapOrganisation);
  }

  async createGroup(dto: CreateGroupDto): Promise<GroupResponse> {
    if (!(await this.organisations.findById(dto.organisationId))) throw notFound('Organisation');
    return mapGroup(await this.groups.create({ organisationId: dto.organisationId, name: dto.name }));
  }

  async listGroups(): Promise<GroupResponse[]> {
    return (await this.groups.list()).map(mapGroup);
  }

  async createSession(dto: CreateSessionDto): Promise<SessionResponse> {
    if (!(await this.groups.findById(dto.groupId))) throw notFound('Group');
    const { session, facilitator } = await this.sessions.createWithFacilitator({
      groupId: dto.groupId,
      title: dto.title ?? null,
      scheduledStart: new Date(dto.scheduledStart),
      facilitatorDisplayName: dto.facilitator.displayName,
    });
    return mapSession(session, [facilitator]);
  }

  async listSessions(): Promise<SessionResponse[]> {
    const sessions = await this.sessions.listRecent();
    const participants = await this.participants.listBySessions(sessions.map((session) => session.id));
    return sessions.map((session) =>
      mapSession(
        session,
        participants.filter((participant) => participant.sessionId === session.id),
      ),
    );
  }

  async getSession(sessionId: string): Promise<SessionResponse> {
    const session = await this.requireSession(sessionId);
    return mapSession(session, await this.participants.listBySessions([sessionId]));
  }

  async startSession(sessionId: string): Promise<SessionResponse> {
    const session = await this.requireSession(sessionId);
    if (session.status === 'ended') throw conflict('The session has ended; it cannot start again');
    if (session.status === 'scheduled') {
      await this.sessions.updateStatus(sessionId, { status: 'live', startedAt: new Date() });
      this.events.publish({ sessionId, status: 'live' });
    }
    return this.getSession(sessionId);
  }

  async endSession(sessionId: string): Promise<SessionResponse> {
    const session = await this.requireSession(sessionId);
    if (session.status !== 'ended') {
      await this.sessions.updateStatus(sessionId, {
        status: 'ended',
        startedAt: session.startedAt ?? new Date(),
        endedAt: new Date(),
      });
      this.events.publish({ sessionId, status: 'ended' });
    }
    return this.getSession(sessionId);
  }

  async addParticipant(sessionId: string, dto: AddParticipantDto): Promise<ParticipantResponse> {
    const session = await this.requireSession(sessionId);
    if (session.status === 'ended') throw conflict('The session has ended; no participants can be added');
    const consentGiven = dto.consent?.storage !== undefined || dto.consent?.research !== undefined;
    const participant = await this.participants.create({
      sessionId,
      displayName: dto.displayName,
      role: dto.role ?? 'member',
      consentStorage: dto.consent?.storage ?? false,
      consentResearch: dto.consent?.research ?? false,
      consentUpdatedAt: consentGiven ? new Date() : null,
    });
    return mapParticipant(participant);
  }

  async issueIngestToken(sessionId: string, participantId: string, dto: IssueTokenDto): Promise<IngestTokenResponse> {
    const session = await this.requireSession(sessionId);
    if (session.status === 'ended') throw conflict('The session has ended; no tokens are issued for it');
    const participant = await this.participants.findById(participantId);
    if (!participant || participant.sessionId !== sessionId) throw notFound('Participant');
    const { token, expiresAt } = this.tokens.issueIngestToken({
      sessionId,
      participantId,
      role: participant.role,
      ttlSeconds: dto.ttlSeconds ?? this.config.ingestTokenTtlSeconds,
    });
    return {
      token,
      expiresAt: expiresAt.toISOString(),
      sessionId,
      participantId,
      endpoints: { websocket: '/ingest', http: `/api/v1/sessions/${sessionId}/ingest` },
    };
  }

  private async requireSession(sessionId: string) {
    const session = await this.sessions.findById(sessionId);
    if (!session) throw notFound('Session');
    return session;
  }
}
