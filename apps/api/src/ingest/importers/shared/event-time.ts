import type { Message } from '@attune/protocol';

/** The event time the metrics run on: when the report resolved, the event happened, speech began. */
export function eventTimeOf(message: Message): number {
  switch (message.kind) {
    case 'stats':
      return message.timestamp;
    case 'utterance':
      return message.start;
    case 'client-event':
    case 'facilitator-event':
    case 'join':
    case 'leave':
      return message.at;
  }
}

/** When the message stops covering time: an utterance lasts until its end, everything else is an instant. */
export function eventEndOf(message: Message): number {
  return message.kind === 'utterance' ? message.end : eventTimeOf(message);
}

/** Orders by event time in place; equal times keep their recorded order (Array.prototype.sort is stable). */
export function sortByEventTime(messages: Message[]): Message[] {
  return messages.sort((first, second) => eventTimeOf(first) - eventTimeOf(second));
}
