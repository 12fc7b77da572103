import type { JoinMessage, Message } from '@attune/protocol';
import { sortByEventTime } from './event-time';
import type { PeerConnectionLifecycle } from './peer-connection-lifecycle';

/**
 * The messages of one participant as a recording yields them, finished with the join that a
 * collector sends first and, when the recording ends in a hang-up, the leave it sends last.
 */
export class ParticipantMessages {
  private readonly messages: Message[] = [];
  private earliestEventAt = Infinity;

  add(message: Message): void {
    this.messages.push(message);
  }

  /** Any recorded activity, imported or not, can mark when the member was first there. */
  noteActivityAt(at: number): void {
    if (at < this.earliestEventAt) this.earliestEventAt = at;
  }

  /** Ordered by event time; the join first, the leave just before the close it stands for. */
  finish(lifecycle?: PeerConnectionLifecycle): Message[] {
    const ordered = this.messages;
    if (Number.isFinite(this.earliestEventAt)) {
      const join: JoinMessage = { kind: 'join', at: this.earliestEventAt };
      ordered.unshift(join);
    }
    const hangup = lifecycle?.hangup();
    if (hangup) {
      const closeIndex = hangup.before ? ordered.indexOf(hangup.before) : -1;
      if (closeIndex >= 0) ordered.splice(closeIndex, 0, hangup.leave);
      else ordered.push(hangup.leave);
    }
    return sortByEventTime(ordered);
  }
}
