import { Injectable } from '@nestjs/common';
import type { Message, ValidationIssue } from '@attune/protocol';
import { IngestParticipant } from './participant-registry';

export interface ConsentChange {
  storage?: boolean;
  research?: boolean;
}

/**
 * Rules about who may send what, beyond the protocol schema (which libs/protocol checks,
 * including the facilitator code taxonomy and notes).
 */
@Injectable()
export class MessagePolicy {
  check(participant: IngestParticipant, message: Message, index: number): ValidationIssue[] {
    if (message.kind === 'facilitator-event' && participant.role !== 'facilitator') {
      return [{ path: `/messages/${index}/kind`, reason: 'only the facilitator may log facilitator events' }];
    }
    return [];
  }

  /** What a consent client-event changes; undefined for every other message. */
  consentChange(message: Message): ConsentChange | undefined {
    if (message.kind !== 'client-event' || message.type !== 'consent') return undefined;
    const granted = message.state === 'granted';
    const change: ConsentChange = {};
    for (const scope of message.scopes) change[scope] = granted;
    return change;
  }
}
