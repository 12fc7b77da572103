export { EpisodeRepository, type EpisodeRow, type StoredEpisode } from './episode.repository';
export {
  EstimatedUtteranceRepository,
  type EstimatedUtteranceRow,
  type StoredUtterance,
} from './estimated-utterance.repository';
export { FacilitatorObservationRepository, type StoredObservation } from './facilitator-observation.repository';
export { GroupRepository } from './group.repository';
export { MetricWindowRepository, type MetricWindowRow, type StoredMetricWindow } from './metric-window.repository';
export { OrganisationRepository } from './organisation.repository';
export { ParticipantRepository, type ConsentUpdate, type NewParticipant } from './participant.repository';
export {
  SessionReplayRepository,
  type ReplayCutoff,
  type ReplayPosition,
  type StoredRawRow,
} from './session-replay.repository';
export { SessionOutcomeRepository, type SessionOutcomeRow } from './session-outcome.repository';
export { SessionRepository, type NewSession, type SessionStatusChange } from './session.repository';
export { AlertRepository, type AlertRow } from './alert.repository';
export { AlertSettingsRepository } from './alert-settings.repository';
