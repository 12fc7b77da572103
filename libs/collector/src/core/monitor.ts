import type { StatsObject } from '@attune/protocol/delta/stats-delta';
import type { ClientEventMessage, ConsentScope } from '@attune/protocol/schema/client-event';
import { filterStats } from '../stats/stats-filter';
import { DEFAULT_BACKOFF, type BackoffOptions } from '../transport/backoff';
import { DEFAULT_OUTBOX_LIMITS, type OutboxLimits } from '../transport/outbox';
import type { KeyValueStorage } from '../transport/seq-counter';
import { VoiceActivityDetector } from '../vad/voice-activity-detector';
import { COLLECTOR_VERSION } from '../version';
import type {
  FetchLike,
  LevelMeterFactory,
  MediaTrackLike,
  PageSignal,
  PageSignals,
  PeerConnectionLike,
  WebSocketConstructor,
} from './platform';
import { Sender, type DeliveryStatus } from './sender';
import { WatchedTrack } from './track-state';

export interface MonitorOptions {
  /** The Attune api origin, e.g. https://attune.example.org; the WebSocket URL is derived from it. */
  endpoint: string;
  sessionId: string;
  participantId: string;
  /** The participant's ingest token. */
  token: string;
  pollIntervalMs?: number;
  /** True when the app already obtained the member's consent to storage; default false. */
  consent?: boolean;
  WebSocket?: WebSocketConstructor;
  fetch?: FetchLike;
  /** Where the last seq is kept across reloads (sessionStorage in a browser). */
  storage?: KeyValueStorage;
  /** Microphone level frames for voice-activity detection; without it no utterances are sent. */
  levelMeter?: LevelMeterFactory;
  pageSignals?: PageSignals;
  platform?: 'desktop' | 'mobile';
  buffer?: Partial<OutboxLimits>;
  backoff?: Partial<BackoffOptions>;
  /** How long flush() and stop() wait for acknowledgements. */
  flushTimeoutMs?: number;
  ackTimeoutMs?: number;
}

export type MonitorStatus = DeliveryStatus;

/** The microphone's voice-activity detection while it runs. */
interface VoiceActivity {
  detector: VoiceActivityDetector;
  meter: { stop(): void };
  /** Start of the first frame heard; the `voice-detection started` event is sent then. */
  startedAt?: number;
}

interface WatchedPeerConnection {
  id: string;
  listener: () => void;
  iceState?: string;
  connectionState?: string;
}

type ClientEventFields = ClientEventMessage extends infer Event
  ? Event extends ClientEventMessage
    ? Omit<Event, 'kind' | 'at'>
    : never
  : never;

/**
 * The collector a video app embeds: one per member and call. Nothing is collected or sent
 * before consent. Once collecting it polls getStats() of every added peer connection, runs
 * voice-activity detection on the local microphone, watches the member's devices and page, and
 * hands everything to the Sender, which owns delivery.
 */
export class Monitor {
  private readonly sender: Sender;
  private readonly pollIntervalMs: number;
  private readonly peerConnections = new Map<PeerConnectionLike, WatchedPeerConnection>();
  private nextPeerConnectionNumber = 1;
  private audio: WatchedTrack | undefined;
  private video: WatchedTrack | undefined;
  private vad: VoiceActivity | undefined;
  private scopes: ConsentScope[] = [];
  private paused = false;
  private stopped = false;
  private collecting = false;
  private pollTimer: ReturnType<typeof setInterval> | undefined;
  private polling = false;
  private unwatchPage: (() => void) | undefined;
  /** Tracks' `enabled` before a privacy pause, restored after it. */
  private enabledBeforePause = new Map<MediaTrackLike, boolean>();

  constructor(private readonly options: MonitorOptions) {
    this.pollIntervalMs = options.pollIntervalMs ?? 1000;
    this.sender = new Sender({
      endpoint: options.endpoint,
      sessionId: options.sessionId,
      participantId: options.participantId,
      token: options.token,
      WebSocket: options.WebSocket,
      fetch: options.fetch,
      storage: options.storage,
      limits: { ...DEFAULT_OUTBOX_LIMITS, ...options.buffer },
      backoff: { ...DEFAULT_BACKOFF, ...options.backoff },
      ackTimeoutMs: options.ackTimeoutMs,
    });
    // An app that collected consent itself still sends the consent event: the server stores
    // nothing of a member without it on record.
    if (options.consent === true) this.grantConsent();
  }

  addPeerConnection(peerConnection: PeerConnectionLike, { id }: { id?: string } = {}): void {
    if (this.peerConnections.has(peerConnection)) return;
    const watched: WatchedPeerConnection = {
      id: id ?? `pc-${this.nextPeerConnectionNumber++}`,
      listener: () => this.checkPeerConnectionState(peerConnection, watched),
    };
    this.peerConnections.set(peerConnection, watched);
    peerConnection.addEventListener?.('iceconnectionstatechange', watched.listener);
    peerConnection.addEventListener?.('connectionstatechange', watched.listener);
    this.checkPeerConnectionState(peerConnection, watched);
  }

  removePeerConnection(peerConnection: PeerConnectionLike): void {
    const watched = this.peerConnections.get(peerConnection);
    if (!watched) return;
    peerConnection.removeEventListener?.('iceconnectionstatechange', watched.listener);
    peerConnection.removeEventListener?.('connectionstatechange', watched.listener);
    this.peerConnections.delete(peerConnection);
    this.sender.baselines.forget(watched.id);
  }

  /** The local microphone: mic on/off events, and voice-activity detection once consented. */
  setLocalAudioTrack(track: MediaTrackLike | null | undefined): void {
    this.stopVoiceActivity();
    this.audio?.release();
    this.audio = track
      ? new WatchedTrack(
          track,
          (state) => this.emit({ type: 'mic', state }),
          () => this.collecting,
        )
      : undefined;
    this.audio?.check();
    this.startVoiceActivity();
  }

  /** The local camera: camera on/off events. */
  setLocalVideoTrack(track: MediaTrackLike | null | undefined): void {
    this.video?.release();
    this.video = track
      ? new WatchedTrack(
          track,
          (state) => this.emit({ type: 'camera', state }),
          () => this.collecting,
        )
      : undefined;
    this.video?.check();
  }

  /** Sends the consent event first, then `join`, then starts collecting. */
  grantConsent(scopes: readonly ConsentScope[] = ['storage']): void {
    if (this.stopped || scopes.length === 0) return;
    const firstConsent = this.scopes.length === 0;
    this.scopes = [...new Set([...this.scopes, ...scopes])];
    if (firstConsent) this.sender.start();
    this.sender.enqueue({
      kind: 'client-event',
      type: 'consent',
      at: Date.now(),
      state: 'granted',
      scopes: [...new Set(scopes)],
    });
    if (!firstConsent) return this.sender.pump();
    this.sender.enqueue({
      kind: 'join',
      at: Date.now(),
      client: {
        collectorVersion: COLLECTOR_VERSION,
        ...(this.options.platform ? { platform: this.options.platform } : {}),
      },
    });
    this.updateCollecting();
    this.sender.pump();
  }

  /**
   * Stops collecting, drops what was not sent yet, and sends `withdrawn`; resolves once the
   * server has it (or after the flush timeout) and the connection is closed.
   */
  async withdrawConsent(): Promise<void> {
    if (this.scopes.length === 0) return;
    const scopes = this.scopes;
    this.scopes = [];
    this.updateCollecting();
    this.sender.discardPending();
    this.sender.enqueue({ kind: 'client-event', type: 'consent', at: Date.now(), state: 'withdrawn', scopes });
    await this.sender.flush(this.flushTimeoutMs()).catch(() => undefined);
    if (this.scopes.length === 0) this.sender.stop();
  }

  /** Member-initiated pause: disables the local microphone and camera, logs it, pauses collection. */
  setPrivacyPause(on: boolean): void {
    if (on === this.paused || this.stopped) return;
    if (on) {
      for (const track of [this.audio?.track, this.video?.track]) {
        if (!track) continue;
        this.enabledBeforePause.set(track, track.enabled);
        track.enabled = false;
      }
      this.emit({ type: 'privacy-pause', state: 'on' });
      this.paused = true;
      this.updateCollecting();
    } else {
      for (const [track, enabled] of this.enabledBeforePause) track.enabled = enabled;
      this.enabledBeforePause.clear();
      this.paused = false;
      this.updateCollecting();
      this.emit({ type: 'privacy-pause', state: 'off' });
    }
    this.sender.pump();
  }

  status(): MonitorStatus {
    return this.sender.status();
  }

  /** Resolves when everything buffered so far is acknowledged; rejects after the flush timeout. */
  flush(): Promise<void> {
    return this.sender.flush(this.flushTimeoutMs());
  }

  /** Sends `leave`, flushes (never longer than the flush timeout), closes. */
  async stop(): Promise<void> {
    if (this.stopped) return;
    const consented = this.scopes.length > 0;
    this.stopped = true;
    this.updateCollecting();
    this.detachAll();
    if (consented) {
      this.sender.enqueue({ kind: 'leave', at: Date.now(), reason: 'hangup' });
      await this.sender.flush(this.flushTimeoutMs()).catch(() => undefined);
    }
    this.sender.stop();
  }

  /** The page is going away (pagehide): `leave` goes by a keepalive request, the only thing that can. */
  pageClosed(): void {
    if (this.stopped) return;
    const consented = this.scopes.length > 0;
    this.stopped = true;
    this.updateCollecting();
    this.detachAll();
    if (consented) this.sender.sendBeacon({ kind: 'leave', at: Date.now(), reason: 'page-closed' });
    this.sender.stop();
  }

  private flushTimeoutMs(): number {
    return this.options.flushTimeoutMs ?? 10_000;
  }

  /** Collecting = consented, not paused, not stopped; starts or stops whatever that changes. */
  private updateCollecting(): void {
    const collecting = this.scopes.length > 0 && !this.paused && !this.stopped;
    if (collecting === this.collecting) return;
    this.collecting = collecting;
    if (collecting) {
      this.pollTimer = setInterval(() => void this.poll(), this.pollIntervalMs);
      this.unwatchPage = this.options.pageSignals?.watch((signal) => this.emitPageSignal(signal));
      for (const [peerConnection, watched] of this.peerConnections) {
        // Report the current states afresh: the server has not heard them (or not since the pause).
        watched.iceState = undefined;
        watched.connectionState = undefined;
        this.checkPeerConnectionState(peerConnection, watched);
      }
      this.audio?.check();
      this.video?.check();
      this.startVoiceActivity();
      void this.poll();
    } else {
      clearInterval(this.pollTimer);
      this.unwatchPage?.();
      this.unwatchPage = undefined;
      this.stopVoiceActivity();
    }
  }

  private async poll(): Promise<void> {
    if (this.polling || !this.collecting) return;
    this.polling = true;
    try {
      this.audio?.check();
      this.video?.check();
      for (const [peerConnection, watched] of [...this.peerConnections]) {
        const report = await peerConnection.getStats().catch(() => undefined);
        if (!report || !this.collecting || !this.peerConnections.has(peerConnection)) continue;
        const stats = filterStats(statsObjectsOf(report));
        if (stats.length > 0) this.sender.enqueueReport({ peerConnectionId: watched.id, timestamp: Date.now(), stats });
      }
      this.sender.pump();
    } finally {
      this.polling = false;
    }
  }

  private checkPeerConnectionState(peerConnection: PeerConnectionLike, watched: WatchedPeerConnection): void {
    if (!this.collecting) return;
    const { iceConnectionState, connectionState } = peerConnection;
    if (iceConnectionState && iceConnectionState !== watched.iceState) {
      watched.iceState = iceConnectionState;
      this.emit({ type: 'ice-state', state: iceConnectionState, peerConnectionId: watched.id } as ClientEventFields);
    }
    if (connectionState && connectionState !== watched.connectionState) {
      watched.connectionState = connectionState;
      this.emit({
        type: 'connection-state',
        state: connectionState,
        peerConnectionId: watched.id,
      } as ClientEventFields);
    }
  }

  private startVoiceActivity(): void {
    const track = this.audio?.track;
    if (!this.collecting || this.vad || !track || !this.options.levelMeter) return;
    const vad: VoiceActivity = { detector: new VoiceActivityDetector(), meter: { stop: () => undefined } };
    vad.meter = this.options.levelMeter(track, (startMs, levelDb) => {
      if (!this.collecting) return;
      // Said at the first frame the detector really hears (Web Audio may never deliver one): from
      // then on the server takes this member's speech from their utterances alone, not from energy.
      if (vad.startedAt === undefined) {
        vad.startedAt = startMs;
        this.sender.enqueue({ kind: 'client-event', at: startMs, type: 'voice-detection', state: 'started' });
      }
      const utterance = vad.detector.addFrame(startMs, levelDb);
      if (utterance) this.sender.enqueue({ kind: 'utterance', ...utterance });
    });
    this.vad = vad;
  }

  private stopVoiceActivity(): void {
    const vad = this.vad;
    if (!vad) return;
    this.vad = undefined;
    vad.meter.stop();
    // Still inside the consent given: the speech happened before the pause or the stop.
    if (this.scopes.length === 0 || vad.startedAt === undefined) return;
    const utterance = vad.detector.flush();
    if (utterance) this.sender.enqueue({ kind: 'utterance', ...utterance });
    // Not before the utterance it ended: the server applies messages in event-time order.
    const at = Math.max(Date.now(), utterance?.end ?? -Infinity);
    this.sender.enqueue({ kind: 'client-event', at, type: 'voice-detection', state: 'stopped' });
  }

  private emitPageSignal(signal: PageSignal): void {
    this.emit(signal);
    this.sender.pump();
  }

  private emit(fields: ClientEventFields): void {
    if (!this.collecting && fields.type !== 'privacy-pause') return;
    if (this.scopes.length === 0) return;
    this.sender.enqueue({ kind: 'client-event', at: Date.now(), ...fields });
  }

  private detachAll(): void {
    for (const peerConnection of [...this.peerConnections.keys()]) this.removePeerConnection(peerConnection);
    this.audio?.release();
    this.video?.release();
  }
}

/** The stats objects of a getStats() result (an RTCStatsReport, or any Map of id → stats). */
export function statsObjectsOf(report: unknown): StatsObject[] {
  const values = report instanceof Map ? report.values() : (report as { values?: () => Iterable<unknown> }).values?.();
  const objects: StatsObject[] = [];
  for (const value of values ?? []) {
    const stats = value as Partial<StatsObject> | null;
    if (stats && typeof stats.id === 'string' && typeof stats.type === 'string') objects.push(stats as StatsObject);
  }
  return objects;
}
