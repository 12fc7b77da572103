import type { SessionSnapshot } from '@attune/metrics';
import { io, type Socket } from 'socket.io-client';
import {
  LIVE_NAMESPACE,
  type LiveAlert,
  type LiveClientEvents,
  type LiveServerEvents,
  type LiveSessionInfo,
  type LoggedEventView,
} from '../../api/src/live/live-events';
import { viewerToken } from './auth';
import { SessionCharts } from './charts';
import { h, setText } from './dom';
import { codeLabel, clockTime } from './format';
import { Tile } from './tiles';
import { Timeline } from './timeline';

type LiveSocket = Socket<LiveServerEvents, LiveClientEvents>;

/**
 * A session's live view. The socket joins the session on every (re)connection, so after a
 * network blip the server sends the full state again and the view resynchronises.
 */
export class LiveView {
  private readonly socket: LiveSocket | undefined;
  private info: LiveSessionInfo | undefined;
  private snapshot: SessionSnapshot | null = null;
  private readonly tiles = new Map<string, Tile>();
  private readonly alertItems = new Map<string, HTMLElement>();
  private charts: SessionCharts | undefined;
  private readonly timeline = new Timeline((id) => this.nameOf(id));
  private readonly connection = h('p', { class: 'connection', role: 'status', text: 'Connecting…' });
  private readonly title = h('h1', { text: 'Live session' });
  private readonly calmButton = h('button', {
    type: 'button',
    class: 'calm-toggle',
    'aria-pressed': 'false',
    text: 'Calm mode: off',
  });
  private readonly alertsList = h('ul', { class: 'alerts' });
  private readonly tileGrid = h('div', { class: 'tiles' });
  private readonly sessionLog = h('div', {
    class: 'session-log',
    role: 'group',
    'aria-label': 'Log about the whole group',
  });
  private readonly undoRegion = h('div', { class: 'undo', 'aria-live': 'polite' });
  private readonly waiting = h('p', { class: 'waiting', text: 'Waiting for the session’s first data…' });
  private readonly detail: HTMLElement;

  constructor(
    private readonly main: HTMLElement,
    private readonly sessionId: string,
  ) {
    const sharesCanvas = h('canvas', { role: 'img', 'aria-label': 'Speaking share per member' });
    const balanceCanvas = h('canvas', {
      role: 'img',
      'aria-label': 'Speaking balance and member-to-member ratio over time',
    });
    this.detail = h(
      'div',
      { class: 'detail' },
      h(
        'section',
        { 'aria-labelledby': 'members-heading' },
        h('h2', { id: 'members-heading', text: 'Members' }),
        this.waiting,
        this.tileGrid,
      ),
      h(
        'section',
        { class: 'session-log-section', 'aria-labelledby': 'log-heading' },
        h('h2', { id: 'log-heading', text: 'Log for the whole group' }),
        this.sessionLog,
      ),
      h(
        'section',
        { class: 'charts', 'aria-labelledby': 'charts-heading' },
        h('h2', { id: 'charts-heading', text: 'Speaking' }),
        h('div', { class: 'chart' }, sharesCanvas),
        h('div', { class: 'chart' }, balanceCanvas),
      ),
      h(
        'section',
        { 'aria-labelledby': 'timeline-heading' },
        h('h2', { id: 'timeline-heading', text: 'Timeline' }),
        this.timeline.element,
      ),
    );
    main.replaceChildren(
      h('header', { class: 'live-header' }, this.title, this.connection, this.calmButton),
      h(
        'section',
        { class: 'alerts-section', 'aria-labelledby': 'alerts-heading' },
        h('h2', { id: 'alerts-heading', text: 'Alerts' }),
        this.alertsList,
      ),
      this.undoRegion,
      this.detail,
    );
    this.calmButton.addEventListener('click', () => this.toggleCalm());
    this.renderAlerts([]);
    this.charts = new SessionCharts(sharesCanvas, balanceCanvas);

    const token = viewerToken(sessionId);
    if (!token) {
      setText(this.connection, 'No access: open your facilitator link, or enter the admin token on the start page.');
      return;
    }
    this.socket = io(LIVE_NAMESPACE, { auth: { token }, transports: ['websocket'] });
    this.listen(this.socket);
  }

  close(): void {
    this.socket?.disconnect();
    this.charts?.destroy();
  }

  private listen(socket: LiveSocket): void {
    socket.on('connect', () => void this.join(socket));
    socket.on('disconnect', () => setText(this.connection, 'Reconnecting… (figures paused)'));
    socket.on('connect_error', (error) => setText(this.connection, `Cannot connect: ${error.message}`));
    socket.on('session', (info) => this.setInfo(info));
    socket.on('snapshot', (snapshot) => this.setSnapshot(snapshot));
    socket.on('logged-events', (events) => events.forEach((event) => this.timeline.loggedEvent(event)));
    socket.on('logged-event', (event) => this.loggedEvent(event));
    socket.on('alerts', (alerts) => this.renderAlerts(alerts));
  }

  private async join(socket: LiveSocket): Promise<void> {
    const result = await socket.emitWithAck('join', { sessionId: this.sessionId });
    if (!result.ok) setText(this.connection, `Cannot open this session: ${result.error.message}`);
    else setText(this.connection, result.value.status === 'ended' ? 'Session ended' : 'Live');
  }

  private setInfo(info: LiveSessionInfo): void {
    const first = !this.info;
    this.info = info;
    setText(this.title, info.title ?? 'Live session');
    document.title = `${info.title ?? 'Live session'} · Attune`;
    if (first && info.canLogEvents) {
      this.sessionLog.replaceChildren(
        ...info.facilitatorCodes.map((code) => {
          const button = h('button', { type: 'button', class: 'log', text: codeLabel(code) });
          button.addEventListener('click', () => void this.logEvent(code));
          return button;
        }),
      );
    }
    if (!info.canLogEvents)
      this.sessionLog.replaceChildren(h('p', { class: 'muted', text: 'Only the facilitator logs events.' }));
    this.renderTiles();
  }

  private setSnapshot(snapshot: SessionSnapshot | null): void {
    this.snapshot = snapshot;
    this.waiting.hidden = snapshot !== null;
    if (!snapshot) return;
    this.renderTiles();
    // The room's first viewer can get the latest snapshot before the roster: the timeline would
    // record everyone's arrival as "Someone new" and never name them, so it waits for the names.
    if (this.info) this.timeline.fromSnapshot(snapshot);
    this.charts?.update(snapshot, (id) => this.nameOf(id));
  }

  private renderTiles(): void {
    if (!this.info) return;
    const participants = this.snapshot?.participants ?? [];
    const speaking = this.snapshot?.speaking.participants ?? [];
    // Members first, the facilitator last; everyone on the roster, present or not.
    const roster = [...this.info.participants].sort((a, b) =>
      a.role === b.role ? a.displayName.localeCompare(b.displayName) : a.role === 'member' ? -1 : 1,
    );
    roster.forEach((person, index) => {
      let tile = this.tiles.get(person.id);
      if (!tile) {
        tile = new Tile(
          person.id,
          this.info?.facilitatorCodes ?? [],
          (this.info?.canLogEvents ?? false) && person.role === 'member',
          (code, id) => void this.logEvent(code, id),
        );
        this.tiles.set(person.id, tile);
      }
      if (this.tileGrid.children[index] !== tile.element)
        this.tileGrid.insertBefore(tile.element, this.tileGrid.children[index] ?? null);
      tile.update({
        id: person.id,
        name: person.displayName,
        role: person.role,
        participant: participants.find((participant) => participant.participantId === person.id),
        speaking: speaking.find((participant) => participant.participantId === person.id),
      });
    });
  }

  private async logEvent(code: string, participantId?: string): Promise<void> {
    if (!this.socket) return;
    const result = await this.socket.emitWithAck('log-event', participantId ? { code, participantId } : { code });
    if (!result.ok) {
      this.undoRegion.replaceChildren(h('p', { class: 'problem', text: `Not logged: ${result.error.message}` }));
      return;
    }
    this.loggedEvent(result.value);
    this.showUndo(result.value);
  }

  private showUndo(event: LoggedEventView): void {
    const about = event.participantId ? ` for ${this.nameOf(event.participantId)}` : ' for the whole group';
    const undo = h('button', { type: 'button', class: 'undo-button', text: 'Undo' });
    undo.addEventListener('click', () => {
      void this.socket?.emitWithAck('undo', { id: event.id }).then((result) => {
        if (result.ok) this.loggedEvent(result.value);
        this.undoRegion.replaceChildren(h('p', { text: result.ok ? 'Undone.' : result.error.message }));
      });
    });
    this.undoRegion.replaceChildren(
      h('p', {}, `Logged “${codeLabel(event.code)}”${about} at ${clockTime(event.at)}. `, undo),
    );
    window.setTimeout(
      () => {
        if (this.undoRegion.contains(undo)) this.undoRegion.replaceChildren();
      },
      Math.max(0, event.undoUntil - Date.now()),
    );
  }

  private loggedEvent(event: LoggedEventView): void {
    this.timeline.loggedEvent(event);
  }

  /**
   * Open alerts, each kept as the same list item while it stays open (by id), so a keyboard
   * user's focus on its buttons survives other alerts changing.
   */
  private renderAlerts(alerts: LiveAlert[]): void {
    const open = alerts.filter((alert) => alert.status === 'open');
    for (const alert of alerts) this.timeline.alert(alert);
    const openIds = new Set(open.map((alert) => alert.id));
    for (const [id, item] of this.alertItems) {
      if (openIds.has(id)) continue;
      item.remove();
      this.alertItems.delete(id);
    }
    if (open.length === 0) {
      this.alertsList.replaceChildren(h('li', { class: 'no-alerts', text: 'No alerts. All calm.' }));
      return;
    }
    this.alertsList.querySelector('.no-alerts')?.remove();
    for (const alert of open) {
      const item = this.alertItems.get(alert.id) ?? this.alertItem(alert);
      this.alertItems.set(alert.id, item);
      const about = alert.participantId ? `${this.nameOf(alert.participantId)}: ` : '';
      const severity = alert.severity === 'gentle' ? 'Gentle reminder' : 'Alert';
      setText(
        item.firstElementChild as HTMLElement,
        `${severity} · ${clockTime(alert.raisedAt)} · ${about}${alert.message}`,
      );
      if (item.parentElement !== this.alertsList) this.alertsList.append(item);
    }
  }

  private alertItem(alert: LiveAlert): HTMLElement {
    const acknowledge = h('button', { type: 'button', text: 'Acknowledge' });
    acknowledge.addEventListener(
      'click',
      () => void this.socket?.emitWithAck('acknowledge-alert', { alertId: alert.id }),
    );
    const snooze = h('button', { type: 'button', class: 'quiet', text: 'Snooze 10 min' });
    snooze.addEventListener(
      'click',
      () => void this.socket?.emitWithAck('snooze-alert', { alertId: alert.id, minutes: 10 }),
    );
    return h('li', { class: `alert alert-${alert.severity}` }, h('span', {}), acknowledge, snooze);
  }

  private toggleCalm(): void {
    const calm = this.calmButton.getAttribute('aria-pressed') !== 'true';
    this.calmButton.setAttribute('aria-pressed', String(calm));
    setText(this.calmButton, `Calm mode: ${calm ? 'on' : 'off'}`);
    this.detail.hidden = calm;
    this.charts?.setHidden(calm);
    this.main.classList.toggle('calm', calm);
  }

  private nameOf(id: string | null): string {
    if (id === null) return 'whole group';
    return this.info?.participants.find((participant) => participant.id === id)?.displayName ?? 'Someone new';
  }
}
