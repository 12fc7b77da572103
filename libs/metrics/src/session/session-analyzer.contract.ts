/**
 * The contract between the session analyzer (libs/metrics/src/session) and its callers: the
 * live pipeline (apps/api/src/pipeline) and the offline `analyze` command. One analyzer per
 * session combines the per-participant metrics (normalisation, connectivity, energy speaking,
 * distraction) with the session-level ones (speaking balance, turn-taking), on event time.
 *
 * Messages are structurally the protocol's messages (libs/protocol), restated here because
 * libs/metrics depends on nothing of ours: a protocol `Message` is assignable to `SessionMessage`.
 *
 * Units everywhere: times are epoch ms (event time, the client's clock), durations are seconds,
 * shares are fractions 0–1, anything named `…Pct` is a percentage 0–100.
 */
import type { ConnectionState, ConnectivityMetrics, ConnectivityThresholds, RttSource } from '../connectivity';
import type { DistractionEpisode, DistractionParameters, OngoingEpisode } from '../distraction';
import type { SpeakingParameterOverrides, SpeakingSnapshot } from '../speaking';

export type SessionRole = 'member' | 'facilitator';

export interface RtcStatsLike {
  id: string;
  type: string;
  timestamp: number;
  [field: string]: unknown;
}

export type SessionMessage =
  | { kind: 'stats'; timestamp: number; peerConnectionId?: string; stats: RtcStatsLike[] }
  | { kind: 'utterance'; start: number; end: number }
  | { kind: 'client-event'; type: string; at: number; state?: string; [field: string]: unknown }
  | { kind: 'facilitator-event'; at: number; code: string; participantId?: string }
  | { kind: 'join'; at: number; client?: { platform?: string; collectorVersion?: string } }
  | { kind: 'leave'; at: number; reason?: string };

/** One message of one participant, as ingest accepted it (or an importer produced it). */
export interface SessionInput {
  participantId: string;
  /** The role given with a participant's first input is kept for the session. */
  role: SessionRole;
  message: SessionMessage;
}

export type ConnectionStateName = ConnectionState;

/** Where a participant's speaking figures come from. */
export type SpeakingSource = 'utterances' | 'energy' | 'none';

/** What the dashboard shows for one participant, once a second. */
export interface ParticipantSnapshot {
  participantId: string;
  role: SessionRole;
  present: boolean;
  connection: {
    /** Before the first stats report or ICE event: `connected` while present, else `left` (`stateSince` null). */
    state: ConnectionStateName;
    /** Event time the current state began; null while no connectivity data has arrived. */
    stateSince: number | null;
    /** Metrics of the last complete 10 s window (null until one closed). */
    latest: ConnectivityMetrics | null;
    drops: number;
    reconnects: number;
    rejoins: number;
    /** Some peer connection reached ICE/connection state `failed`. */
    failed: boolean;
  };
  speakingSource: SpeakingSource;
  /** Open observations ("tab hidden since …, 120 s so far"), measured to the snapshot's `at`. */
  ongoingObservations: OngoingEpisode[];
  /** This participant's messages that arrived later than the allowed lateness. */
  lateMessages: number;
}

export interface SessionSnapshot {
  sessionId: string;
  /**
   * Event time this snapshot describes (epoch ms): the time asked for, but never before the
   * watermark. Growing durations (silence streaks, ongoing observations, rolling talk) are
   * measured to `at`; states and counts include every message released up to `watermark`.
   */
  at: number;
  /** Everything up to here has been applied (the last advanceTo's time minus the lateness). */
  watermark: number;
  participants: ParticipantSnapshot[];
  speaking: SpeakingSnapshot;
  /** Messages that arrived later than the allowed lateness: counted, not silently dropped. */
  lateMessages: number;
}

/**
 * A closed 10 s window, as stored in metric_window (participantId null = session level).
 * The keys of `metrics` are listed in docs/report-format.md ("Stored windows").
 */
export interface MetricWindowOutput {
  participantId: string | null;
  /** Epoch ms, a multiple of the window length (every participant's windows line up). */
  windowStart: number;
  windowSeconds: number;
  metrics: Record<string, number | string | boolean | null>;
}

/** Results that became final while the watermark advanced: to persist, once each. */
export interface SessionProgress {
  /** Per boundary: the participants' windows, then the session-level one. */
  windows: MetricWindowOutput[];
  /** Closed episodes (state episodes of zero length are left out). */
  episodes: DistractionEpisode[];
  /** Utterances estimated from energy stats (device utterances are stored by ingest already). */
  estimatedUtterances: { participantId: string; start: number; end: number }[];
}

export interface SessionAnalyzerOptions {
  sessionId: string;
  /** Allowed lateness of event time (default 5 s, PRODUCT.md). */
  latenessMs?: number;
  /**
   * How far out of event-time order one participant's own messages may arrive (default 1 s, at
   * most the lateness): the watermark stays this far behind the newest message of every
   * participant still sending.
   */
  sourceDisorderMs?: number;
  /** Window length for stored metrics (default 10 s). */
  windowSeconds?: number;
  /** Connectivity thresholds (defaults: DEFAULT_CONNECTIVITY_THRESHOLDS). */
  connectivity?: Partial<ConnectivityThresholds>;
  /** Speaking parameters (defaults: DEFAULT_SPEAKING_PARAMETERS). */
  speaking?: SpeakingParameterOverrides;
  /** Distraction parameters (defaults: DEFAULT_DISTRACTION_PARAMETERS). */
  distraction?: Partial<DistractionParameters>;
  /**
   * Device utterances are expected in chunks of at most this length (docs/metrics.md "Turns"):
   * speech is taken as complete up to the watermark minus this. Default 5 s.
   */
  maxDeviceUtteranceSeconds?: number;
  /**
   * Scale a participant's "no report" timeouts to their polling period (2.5 and 3.5 periods,
   * never below the configured ones), so a recording polled every 10 s is not an outage every
   * poll. Default true.
   */
  scaleNoReportTimeoutsToPolling?: boolean;
  /**
   * While a member's tab is hidden the browser throttles their stats loop (Chrome: to once a
   * minute), so the "no report" timeouts become these (reconnecting, disconnected) until the
   * first report after the tab is visible again. Default 65 s / 75 s.
   */
  hiddenTabNoReportSeconds?: { reconnecting: number; disconnected: number };
  /** Safety valve: more buffered messages than this release the oldest early. Default 100 000. */
  maxBufferedMessages?: number;
}

/**
 * The analyzer's surface (implemented by `SessionAnalyzer` in this folder):
 * - `push(input)`: feed one message. Participants may lag each other by up to the lateness; one
 *   participant's own messages come in event-time order, give or take `sourceDisorderMs`.
 *   Messages wait in a reorder buffer until the watermark passes them; one older than the
 *   watermark is late: counted, and applied as docs/metrics.md ("Session analyzer: late data") says.
 * - `advanceTo(eventTimeMs)`: event time has reached `eventTimeMs`; the watermark becomes the
 *   oldest newest message of the participants heard from within twice the lateness (and not
 *   gone), less `sourceDisorderMs`, and at least `eventTimeMs − latenessMs` (it never goes back);
 *   returns what became final.
 * - `snapshot(eventTimeMs)`: the live view (no side effects).
 * - `finish(endMs)`: release and close everything at `endMs`; the final progress and the report.
 */
export interface SessionAnalyzerApi {
  push(input: SessionInput): void;
  advanceTo(eventTimeMs: number): SessionProgress;
  snapshot(eventTimeMs: number): SessionSnapshot;
  finish(endMs: number): { progress: SessionProgress; report: SessionReport };
}

/** The analyze command's JSON report: a public contract, documented in docs/report-format.md. */
export interface SessionReport {
  session: {
    sessionId: string;
    /** Epoch ms of the first message and of the end given to finish(). */
    startedAt: number;
    endedAt: number;
    durationSeconds: number;
    /** Everyone who sent anything, facilitator included. */
    participantCount: number;
    memberCount: number;
    lateMessages: number;
    /** The facilitator's part of all talk (null without a facilitator's talk or without talk). */
    facilitatorShare: number | null;
    longestMonologue: { participantId: string; seconds: number } | null;
    transitionCount: number;
    memberToMemberRatio: number | null;
    meanResponseLatencySeconds: number | null;
    medianResponseLatencySeconds: number | null;
  };
  /** Over the members (facilitator excluded) ever present; null when fewer than 2 or no talk. */
  balance: { gini: number | null; entropy: number | null; memberCount: number; totalTalkSeconds: number };
  participants: ParticipantReport[];
  transitions: { from: string; to: string; count: number }[];
}

export interface ParticipantReport {
  id: string;
  role: SessionRole;
  attendance: {
    firstJoinedAt: number;
    /** null when still present at the end. */
    lastLeftAt: number | null;
    presentSeconds: number;
    joins: number;
  };
  speaking: {
    seconds: number;
    /** Of members' talk; null for the facilitator or when no member talked. */
    share: number | null;
    turns: number;
    substantiveTurns: number;
    backchannels: number;
    longestTurnSeconds: number;
    /** Longest present time without a substantive turn (all present time if never spoken). */
    maxSilenceSeconds: number;
    neverSpoken: boolean;
    interruptionsMade: number;
    interruptionsReceived: number;
    affirmationsMade: number;
    affirmationsReceived: number;
    meanResponseLatencySeconds: number | null;
    source: SpeakingSource;
  };
  connectivity: {
    /** The RTT used for MOS: RTCP when measured, else ICE (`rttSource`). */
    meanRttMs: number | null;
    rttSource: RttSource | null;
    iceRttMs: number | null;
    rtcpRttMs: number | null;
    /** Inbound, all media: Σlost / Σ(lost + received) × 100. */
    packetLossPct: number | null;
    outboundPacketLossPct: number | null;
    jitterMs: number | null;
    /** Mean of the 10 s windows' MOS, and the worst window. */
    mos: number | null;
    minWindowMos: number | null;
    reconnects: number;
    drops: number;
    rejoins: number;
    failed: boolean;
    iceFailures: number;
    connectedSeconds: number;
    secondsByState: Record<ConnectionStateName, number>;
    minutesLost: number;
    /** The polling period the "no report" timeouts were scaled to (median, seconds); null without stats. */
    pollingSeconds: number | null;
    /** Per peer connection (a Jitsi member has a P2P and an SFU one), for cross-checks. */
    peerConnections: PeerConnectionReport[];
  };
  distraction: {
    hiddenSeconds: number;
    windowBlurSeconds: number;
    cameraOffSeconds: number;
    mutedSeconds: number;
    privacyPauseSeconds: number;
    talkWhileMutedSeconds: number;
    noiseEpisodes: number;
    deviceSwitches: number;
    platformSwitches: number;
    /** Facilitator observations about this participant. */
    facilitatorEvents: number;
    throttledStatsGaps: number;
  };
  /** Messages of this participant that arrived later than the allowed lateness… */
  lateMessages: number;
  /** …and those of them that could not be applied (an utterance going back in their speech). */
  lateMessagesIgnored: number;
}

export interface PeerConnectionReport {
  id: string;
  reports: number;
  iceRttMs: number | null;
  rtcpRttMs: number | null;
  packetLossPct: number | null;
  outboundPacketLossPct: number | null;
  packetsReceived: number;
  packetsLost: number;
  /** Our media as the far end reported it: packets it received and lost. */
  outboundPacketsReceived: number;
  outboundPacketsLost: number;
}
