export { GroupRepository } from './group.repository';
export { MetricWindowRepository, type MetricWindowRow, type StoredMetricWindow } from './metric-window.repository';
export { OrganisationRepository } from './organisation.repository';
export { ParticipantRepository, type ConsentUpdate, type NewParticipant } from './participant.repository';
export { SessionRepository, type NewSession, type SessionStatusChange } from './session.repository';
