import type { Organisation, Participant, TherapyGroup, TherapySession } from '../storage/entities';
import { GroupResponse, OrganisationResponse, ParticipantResponse, SessionResponse } from './sessions.dto';

// Entities never cross the wire: these pure functions decide what a response shows.

export function mapOrganisation(organisation: Organisation): OrganisationResponse {
  return { id: organisation.id, name: organisation.name, createdAt: organisation.createdAt.toISOString() };
}

export function mapGroup(group: TherapyGroup): GroupResponse {
  return {
    id: group.id,
    organisationId: group.organisationId,
    name: group.name,
    createdAt: group.createdAt.toISOString(),
  };
}

export function mapParticipant(participant: Participant): ParticipantResponse {
  return {
    id: participant.id,
    sessionId: participant.sessionId,
    displayName: participant.displayName,
    role: participant.role,
    consent: { storage: participant.consentStorage, research: participant.consentResearch },
  };
}

export function mapSession(session: TherapySession, participants: Participant[]): SessionResponse {
  return {
    id: session.id,
    groupId: session.groupId,
    title: session.title,
    scheduledStart: session.scheduledStart.toISOString(),
    status: session.status,
    startedAt: session.startedAt?.toISOString() ?? null,
    endedAt: session.endedAt?.toISOString() ?? null,
    participants: participants.map(mapParticipant),
  };
}
