import { AlertRecord } from './alert.entity';
import { Episode } from './episode.entity';
import { MetricWindow } from './metric-window.entity';
import { Organisation } from './organisation.entity';
import { Participant } from './participant.entity';
import { SessionEvent } from './session-event.entity';
import { SessionOutcome } from './session-outcome.entity';
import { StatsSample } from './stats-sample.entity';
import { TherapyGroup } from './therapy-group.entity';
import { TherapySession } from './therapy-session.entity';
import { Utterance } from './utterance.entity';

export {
  AlertRecord,
  Episode,
  MetricWindow,
  Organisation,
  Participant,
  SessionEvent,
  SessionOutcome,
  StatsSample,
  TherapyGroup,
  TherapySession,
  Utterance,
};
export { ALERT_SEVERITY_VALUES } from './alert.entity';
export { PARTICIPANT_ROLES, type ParticipantRole } from './participant.entity';
export { EVENT_SOURCES, type EventSource } from './session-event.entity';
export { SESSION_STATUSES, type SessionStatus } from './therapy-session.entity';
export { UTTERANCE_SOURCES, type UtteranceSource } from './utterance.entity';

/** Listed explicitly, not globbed, so that every build (tsc, swc, a bundle) finds them. */
export const STORAGE_ENTITIES = [
  Organisation,
  TherapyGroup,
  TherapySession,
  Participant,
  StatsSample,
  SessionEvent,
  Utterance,
  MetricWindow,
  Episode,
  AlertRecord,
  SessionOutcome,
];
