import {
  addWindowToSession,
  advanceWindows,
  EMPTY_SESSION,
  flushWindows,
  mutableTally,
  mutableWindowsState,
  summarizeSession,
  type ConnectivityInput,
  type ConnectivitySessionSummary,
  type ConnectivityTally,
  type ConnectivityThresholds,
  type ConnectivityWindow,
  type IntervalSums,
  type MutableTally,
  type MutableWindowsState,
  type SessionAccumulator,
} from '../connectivity';
import { PollingPeriodEstimator } from './polling-period';

export interface PeerConnectionFigures {
  readonly peerConnectionId: string;
  readonly reports: number;
  readonly tally: ConnectivityTally;
}

export interface NoReportTimeoutPolicy {
  readonly scaleToPolling: boolean;
  readonly hiddenTab: { readonly reconnecting: number; readonly disconnected: number };
}

/** A session rarely has more; beyond this the oldest peer connection's figures are dropped. */
const MAX_PEER_CONNECTIONS_REPORTED = 16;
/** "No report" timeouts, in polling periods, when the participant polls slower than usual. */
const RECONNECTING_AFTER_PERIODS = 2.5;
const DISCONNECTED_AFTER_PERIODS = 3.5;
/**
 * Until a participant's second report says how often they poll, the "no report" timeouts allow
 * for the slowest period recordings commonly use (rtcstats dumps polled every 10 s): a first gap
 * of 10 s is not taken for an outage. A member polled every second is judged by the configured
 * timeouts from their second report on.
 */
const ASSUMED_PERIOD_BEFORE_SECOND_REPORT_SECONDS = 10;

/**
 * One participant's connectivity: stats intervals (normalised as they arrived, see StatsReader)
 * → the connection-state machine and its 10 s windows → the session summary. Connectivity
 * starts with the first stats report or ICE/connection event, so a participant who never sends
 * stats (a facilitator's console) is not taken for one who dropped. Memory is constant: at most
 * two open windows, the closed windows waiting for the speaking side, and sums.
 */
export class ParticipantConnectivity {
  /** Stepped in place: this participant's own, and the per-report path. */
  private readonly windows: MutableWindowsState = mutableWindowsState();
  private session: SessionAccumulator = EMPTY_SESSION;
  private readonly polling = new PollingPeriodEstimator();
  private readonly peerConnections = new Map<string, { reports: number; tally: MutableTally }>();
  /** Closed windows of the current `step`, reused. */
  private readonly justClosed: ConnectivityWindow[] = [];
  /** Closed windows not yet emitted (they wait until speech is complete up to their end). */
  private readonly closedWindows: ConnectivityWindow[] = [];
  private tabHidden = false;
  /** Hidden since the last report: the relaxed timeouts hold until reports resume. */
  private throttledSinceLastReport = false;
  latestWindow: ConnectivityWindow | undefined;

  constructor(
    private readonly baseThresholds: ConnectivityThresholds,
    private readonly timeouts: NoReportTimeoutPolicy,
  ) {}

  get started(): boolean {
    return this.windows.machine.started;
  }

  get machine() {
    return this.windows.machine;
  }

  /** A stats report's interval. */
  report(interval: IntervalSums): void {
    this.polling.add(interval.intervalSeconds);
    this.addToPeerConnection(interval);
    this.step({ type: 'interval', at: interval.timestamp, interval });
    if (!this.tabHidden) this.throttledSinceLastReport = false;
  }

  /** ICE / connection state changes, join, leave and ticks. Join and leave wait for connectivity to start. */
  apply(input: Exclude<ConnectivityInput, { type: 'interval' }>): void {
    const startsConnectivity = input.type === 'ice-state' || input.type === 'connection-state';
    if (!this.started && !startsConnectivity) return;
    this.step(input);
  }

  visibility(hidden: boolean): void {
    this.tabHidden = hidden;
    if (hidden) this.throttledSinceLastReport = true;
  }

  /** Closes every window at `endMs` (session end). */
  finish(endMs: number): void {
    if (!this.started) return;
    this.step({ type: 'tick', at: endMs });
    for (const window of flushWindows(this.windows)) this.closeWindow(window);
    this.windows.open = [];
  }

  /** The closed windows that end at or before `until`, oldest first (removed from the queue). */
  takeWindowsUntil(until: number): ConnectivityWindow[] {
    let count = 0;
    while (count < this.closedWindows.length && this.closedWindows[count].endMs <= until) count++;
    return this.closedWindows.splice(0, count);
  }

  summary(): ConnectivitySessionSummary {
    return summarizeSession(this.session);
  }

  perPeerConnection(): PeerConnectionFigures[] {
    return [...this.peerConnections].map(([peerConnectionId, { reports, tally }]) => ({
      peerConnectionId,
      reports,
      tally: mutableTally(tally),
    }));
  }

  pollingSeconds(): number | undefined {
    return this.polling.periodSeconds();
  }

  /** Sizes of everything kept, for the bounded-memory test. */
  footprint(): Record<string, number> {
    return {
      openWindows: this.windows.open.length,
      closedWindowsWaiting: this.closedWindows.length,
      peerConnectionFigures: this.peerConnections.size,
      linkConditions: Object.keys(this.windows.machine.links.peerConnections).length,
    };
  }

  private step(input: ConnectivityInput): void {
    const closed = this.justClosed;
    advanceWindows(this.windows, input, this.thresholds(), closed);
    for (const window of closed) this.closeWindow(window);
    closed.length = 0;
  }

  private closeWindow(window: ConnectivityWindow): void {
    this.session = addWindowToSession(this.session, window);
    this.closedWindows.push(window);
    this.latestWindow = window;
  }

  private thresholds(): ConnectivityThresholds {
    const base = this.baseThresholds;
    let reconnecting = base.reconnectingAfterNoReportSeconds;
    let disconnected = base.disconnectedAfterNoReportSeconds;
    const period = this.timeouts.scaleToPolling
      ? (this.polling.periodSeconds() ?? ASSUMED_PERIOD_BEFORE_SECOND_REPORT_SECONDS)
      : undefined;
    if (period !== undefined) {
      reconnecting = Math.max(reconnecting, RECONNECTING_AFTER_PERIODS * period);
      disconnected = Math.max(disconnected, DISCONNECTED_AFTER_PERIODS * period);
    }
    if (this.tabHidden || this.throttledSinceLastReport) {
      reconnecting = Math.max(reconnecting, this.timeouts.hiddenTab.reconnecting);
      disconnected = Math.max(disconnected, this.timeouts.hiddenTab.disconnected);
    }
    if (
      reconnecting === base.reconnectingAfterNoReportSeconds &&
      disconnected === base.disconnectedAfterNoReportSeconds
    ) {
      return base;
    }
    return { ...base, reconnectingAfterNoReportSeconds: reconnecting, disconnectedAfterNoReportSeconds: disconnected };
  }

  private addToPeerConnection(interval: IntervalSums): void {
    const peerConnectionId = interval.peerConnectionId;
    let figures = this.peerConnections.get(peerConnectionId);
    if (!figures) {
      if (this.peerConnections.size >= MAX_PEER_CONNECTIONS_REPORTED) {
        const oldest = this.peerConnections.keys().next().value;
        if (oldest !== undefined) this.peerConnections.delete(oldest);
      }
      figures = { reports: 0, tally: mutableTally() };
      this.peerConnections.set(peerConnectionId, figures);
    }
    figures.reports += 1;
    figures.tally.addInterval(interval);
  }
}
