import type { SessionSnapshot } from '@attune/metrics';
import type { LiveAlert, LoggedEventView } from '../../api/src/live/live-events';
import { h, setText } from './dom';
import { clockTime, codeLabel, CONNECTION_WORDS } from './format';

const MAX_ENTRIES = 200;

/**
 * The session so far, newest first: joins and leaves, connection drops and recoveries (read
 * from successive snapshots), alerts and logged events.
 */
export class Timeline {
  readonly element = h('ol', { class: 'timeline', 'aria-label': 'Session timeline, newest first' });
  private readonly entries = new Map<string, HTMLElement>();
  private previous = new Map<string, { present: boolean; state: string }>();

  constructor(private readonly nameOf: (id: string | null) => string) {}

  fromSnapshot(snapshot: SessionSnapshot): void {
    const next = new Map<string, { present: boolean; state: string }>();
    for (const participant of snapshot.participants) {
      const now = { present: participant.present, state: participant.connection.state };
      next.set(participant.participantId, now);
      const before = this.previous.get(participant.participantId);
      const name = this.nameOf(participant.participantId);
      if (!before?.present && now.present) this.add('presence', snapshot.at, `${name} joined`);
      else if (before?.present && !now.present) this.add('presence', snapshot.at, `${name} left`);
      else if (before && now.present && before.state !== now.state) {
        this.add(`connection-${now.state}`, snapshot.at, `${name}: ${CONNECTION_WORDS[now.state] ?? now.state}`);
      }
    }
    this.previous = next;
  }

  loggedEvent(event: LoggedEventView): void {
    const about = event.participantId ? ` · ${this.nameOf(event.participantId)}` : ' · whole group';
    const status = {
      pending: ' (can be undone)',
      sent: '',
      undone: ' (undone)',
      rejected: ` (not stored: ${event.reason ?? 'refused'})`,
    }[event.status];
    this.set(
      `event:${event.id}`,
      `logged logged-${event.status}`,
      event.at,
      `Logged: ${codeLabel(event.code)}${about}${status}`,
    );
  }

  alert(alert: LiveAlert): void {
    // The message never names anyone (the server keeps names out of alerts): say who it is about here.
    const about = alert.participantId ? `${this.nameOf(alert.participantId)}: ` : '';
    this.set(`alert:${alert.id}`, 'alert', alert.raisedAt, `Alert: ${about}${alert.message} (${alert.status})`);
  }

  private add(kind: string, at: number, text: string): void {
    this.set(`${kind}:${at}:${text}`, kind, at, text);
  }

  private set(key: string, kind: string, at: number, text: string): void {
    let entry = this.entries.get(key);
    const line = `${clockTime(at)} — ${text}`;
    if (entry) {
      setText(entry, line);
      entry.className = `entry ${kind}`;
      return;
    }
    entry = h('li', { class: `entry ${kind}`, 'data-at': String(at), text: line });
    this.entries.set(key, entry);
    const later = [...this.element.children].find((child) => Number((child as HTMLElement).dataset.at) < at);
    this.element.insertBefore(entry, later ?? null);
    while (this.element.children.length > MAX_ENTRIES) {
      const last = this.element.lastElementChild as HTMLElement;
      for (const [oldKey, element] of this.entries) if (element === last) this.entries.delete(oldKey);
      last.remove();
    }
  }
}
