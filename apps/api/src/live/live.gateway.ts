import { Inject, Logger, OnModuleDestroy } from '@nestjs/common';
import {
  ConnectedSocket,
  MessageBody,
  OnGatewayInit,
  SubscribeMessage,
  WebSocketGateway,
  WebSocketServer,
} from '@nestjs/websockets';
import type { SessionSnapshot } from '@attune/metrics';
import { firstValueFrom, type Subscription } from 'rxjs';
import type { Namespace, Socket } from 'socket.io';
import type { ViewerPrincipal } from '../auth/principal';
import { TokenService } from '../auth/token.service';
import { DomainError, forbidden } from '../common/domain-error';
import { FacilitatorEventLog } from './facilitator-event-log';
import { LIVE_ALERTS, type LiveAlertsSource } from './live-alerts';
import {
  LIVE_NAMESPACE,
  type JoinRequest,
  type LiveClientEvents,
  type LiveError,
  type LiveResult,
  type LiveServerEvents,
  type LiveSessionInfo,
  type LoggedEventView,
  type LogEventRequest,
} from './live-events';
import { LiveViewService } from './live-view.service';

interface SocketData {
  viewer: ViewerPrincipal;
}

type LiveSocket = Socket<LiveClientEvents, LiveServerEvents, Record<string, never>, SocketData>;
type LiveNamespace = Namespace<LiveClientEvents, LiveServerEvents, Record<string, never>, SocketData>;

const roomOf = (sessionId: string) => `session:${sessionId}`;

/**
 * The facilitator's live view (`/live`). Every socket is authenticated at the handshake (admin
 * token or facilitator link); it then joins one session's room, where it gets the full state at
 * once and the pipeline's snapshot each second. A reconnected client joins again and so gets
 * the full state again. Handlers only translate between the socket and the services.
 */
@WebSocketGateway({ namespace: LIVE_NAMESPACE })
export class LiveGateway implements OnGatewayInit<LiveNamespace>, OnModuleDestroy {
  private readonly logger = new Logger(LiveGateway.name);
  /** One pipeline subscription per watched session, shared by its room. */
  private readonly roomStreams = new Map<string, { subscription: Subscription; knownIds: Set<string> }>();
  private eventLogSubscription?: Subscription;

  @WebSocketServer() private readonly namespace!: LiveNamespace;

  constructor(
    private readonly tokens: TokenService,
    private readonly view: LiveViewService,
    private readonly eventLog: FacilitatorEventLog,
    @Inject(LIVE_ALERTS) private readonly alerts: LiveAlertsSource,
  ) {}

  afterInit(namespace: LiveNamespace): void {
    namespace.use((socket, next) => {
      try {
        const token: unknown = (socket.handshake.auth as { token?: unknown } | undefined)?.token;
        socket.data.viewer = this.tokens.authenticateViewer(typeof token === 'string' ? token : undefined);
        next();
      } catch (error) {
        next(new Error(error instanceof DomainError ? error.message : 'authentication failed'));
      }
    });
    namespace.adapter.on('delete-room', (room: string) => this.stopRoom(room));
    this.eventLogSubscription = this.eventLog.changes$.subscribe(({ sessionId, event }) =>
      this.namespace.to(roomOf(sessionId)).emit('logged-event', event),
    );
  }

  onModuleDestroy(): void {
    this.eventLogSubscription?.unsubscribe();
    for (const room of [...this.roomStreams.keys()]) this.stopRoom(room);
  }

  @SubscribeMessage('join')
  async join(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() request: JoinRequest,
  ): Promise<LiveResult<LiveSessionInfo>> {
    return answer(async () => {
      const sessionId = typeof request?.sessionId === 'string' ? request.sessionId : '';
      const info = await this.view.sessionInfo(socket.data.viewer, sessionId);
      for (const room of socket.rooms) if (room !== socket.id) await socket.leave(room);
      // The full state first, names before figures; only then the room's updates, so a
      // client never gets a snapshot of members it cannot name yet.
      socket.emit('session', info);
      socket.emit('snapshot', await this.view.latestSnapshot(sessionId, info.status));
      socket.emit('logged-events', await this.eventLog.list(sessionId));
      socket.emit('alerts', await this.currentAlerts(sessionId));
      await socket.join(roomOf(sessionId));
      this.startRoom(sessionId, info);
      return info;
    });
  }

  @SubscribeMessage('log-event')
  async logEvent(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() request: LogEventRequest,
  ): Promise<LiveResult<LoggedEventView>> {
    return answer(async () => this.eventLog.log(facilitatorOf(socket.data.viewer), request));
  }

  @SubscribeMessage('undo')
  async undo(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() request: { id: string },
  ): Promise<LiveResult<LoggedEventView>> {
    return answer(async () => this.eventLog.undo(facilitatorOf(socket.data.viewer), String(request?.id)));
  }

  @SubscribeMessage('acknowledge-alert')
  async acknowledgeAlert(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() request: { alertId: string },
  ): Promise<LiveResult> {
    return answer(async () => {
      await this.alerts.acknowledge(joinedSession(socket), String(request?.alertId));
      return undefined;
    });
  }

  @SubscribeMessage('snooze-alert')
  async snoozeAlert(
    @ConnectedSocket() socket: LiveSocket,
    @MessageBody() request: { alertId: string; minutes: number },
  ): Promise<LiveResult> {
    return answer(async () => {
      await this.alerts.snooze(joinedSession(socket), String(request?.alertId), Number(request?.minutes));
      return undefined;
    });
  }

  private async currentAlerts(sessionId: string) {
    try {
      return await firstValueFrom(this.alerts.alerts$(sessionId), { defaultValue: [] });
    } catch (error) {
      this.logger.warn(`Alerts unavailable: ${error instanceof Error ? error.message : 'unknown'}`);
      return [];
    }
  }

  private startRoom(sessionId: string, info: LiveSessionInfo): void {
    const room = roomOf(sessionId);
    if (this.roomStreams.has(room)) return;
    const knownIds = new Set(info.participants.map((participant) => participant.id));
    const failed = (what: string) => (error: unknown) =>
      this.logger.error(`The ${what} of a live session failed: ${error instanceof Error ? error.message : 'unknown'}`);
    const subscription = this.view.snapshots$(sessionId).subscribe({
      next: (snapshot) => this.broadcastSnapshot(sessionId, snapshot),
      error: failed('snapshots'),
    });
    subscription.add(
      this.alerts.alerts$(sessionId).subscribe({
        next: (alerts) => this.namespace.to(room).emit('alerts', alerts),
        error: failed('alerts'),
      }),
    );
    this.roomStreams.set(room, { subscription, knownIds });
  }

  private broadcastSnapshot(sessionId: string, snapshot: SessionSnapshot): void {
    const room = roomOf(sessionId);
    const stream = this.roomStreams.get(room);
    const unknown = snapshot.participants.some((participant) => !stream?.knownIds.has(participant.participantId));
    if (stream && unknown) {
      for (const participant of snapshot.participants) stream.knownIds.add(participant.participantId);
      void this.resendRoster(sessionId);
    }
    this.namespace.to(room).emit('snapshot', snapshot);
  }

  /** Someone joined who was not on the roster when the room opened: send names again. */
  private async resendRoster(sessionId: string): Promise<void> {
    try {
      for (const socket of await this.namespace.in(roomOf(sessionId)).fetchSockets()) {
        socket.emit('session', await this.view.sessionInfo(socket.data.viewer, sessionId));
      }
    } catch (error) {
      this.logger.warn(`Could not refresh the roster: ${error instanceof Error ? error.message : 'unknown'}`);
    }
  }

  private stopRoom(room: string): void {
    this.roomStreams.get(room)?.subscription.unsubscribe();
    this.roomStreams.delete(room);
  }
}

function facilitatorOf(viewer: ViewerPrincipal) {
  if (viewer.kind !== 'facilitator') {
    throw forbidden("Only the session's facilitator logs events: they are stored as the facilitator's messages");
  }
  return viewer;
}

function joinedSession(socket: LiveSocket): string {
  const room = [...socket.rooms].find((name) => name.startsWith('session:'));
  if (!room) throw new DomainError('conflict', 'Join a session first');
  return room.slice('session:'.length);
}

async function answer<Value>(work: () => Promise<Value>): Promise<LiveResult<Value>> {
  try {
    return { ok: true, value: await work() };
  } catch (error) {
    return { ok: false, error: liveError(error) };
  }
}

function liveError(error: unknown): LiveError {
  if (error instanceof DomainError) {
    switch (error.code) {
      case 'unauthenticated':
      case 'forbidden':
      case 'not-found':
      case 'invalid-input':
      case 'conflict':
        return { code: error.code, message: error.message };
      case 'payload-too-large':
      case 'rate-limited':
      case 'unavailable':
        return { code: 'unavailable', message: error.message };
    }
  }
  return { code: 'unavailable', message: error instanceof Error ? error.message : 'unexpected error' };
}
