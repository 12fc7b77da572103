import type { SessionMessage } from './session-analyzer.contract';
import type { StatsDigest } from './stats-reader';

/**
 * The event time a message is ordered and judged late by. An utterance counts at its END: the
 * device only knows it once it has ended and sends it then, so a long utterance is not "late".
 */
export function eventTimeOf(message: SessionMessage | StatsDigest): number {
  switch (message.kind) {
    case 'stats':
    case 'stats-digest':
      return message.timestamp;
    case 'utterance':
      return message.end;
    case 'client-event':
    case 'facilitator-event':
    case 'join':
    case 'leave':
      return message.at;
  }
}
