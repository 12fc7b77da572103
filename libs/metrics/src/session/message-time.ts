import type { SessionMessage } from './session-analyzer.contract';

/**
 * The event time a message is ordered and judged late by. An utterance counts at its END: the
 * device only knows it once it has ended and sends it then, so a long utterance is not "late".
 */
export function eventTimeOf(message: SessionMessage): number {
  switch (message.kind) {
    case 'stats':
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
