import { map, scan, type OperatorFunction } from 'rxjs';
import { NO_SECONDS, type ConnectionState, type SecondsByState } from './connection-state-machine';
import { minutesLost } from './connection-states.operator';
import { summarizeTally, type ConnectivityMetrics, type RttSource } from './metrics';
import { EMPTY_TALLY, mergeTallies, type ConnectivityTally } from './tally';
import type { ConnectivityWindow } from './windows';

/*
 * The whole-session view of one participant, folded incrementally from their windows: a tally, a
 * few sums and counters — constant memory however long the session.
 */

export interface SessionAccumulator {
  readonly windows: number;
  readonly tally: ConnectivityTally;
  readonly secondsByState: SecondsByState;
  readonly drops: number;
  readonly rejoins: number;
  readonly reconnects: number;
  readonly iceFailures: number;
  readonly mosSum: number;
  readonly mosWindows: number;
  readonly minMos?: number;
  readonly lastState?: ConnectionState;
}

export const EMPTY_SESSION: SessionAccumulator = {
  windows: 0,
  tally: EMPTY_TALLY,
  secondsByState: NO_SECONDS,
  drops: 0,
  rejoins: 0,
  reconnects: 0,
  iceFailures: 0,
  mosSum: 0,
  mosWindows: 0,
};

export interface ConnectivitySessionSummary {
  /** The RTT used for MOS: mean RTCP RTT when any RTCP measurement exists, else mean ICE RTT. */
  readonly meanRttMs?: number;
  readonly rttSource?: RttSource;
  readonly iceRttMs?: number;
  readonly rtcpRttMs?: number;
  /** Inbound, all media, Σlost / Σ(lost + received) over the session. */
  readonly packetLossPct?: number;
  readonly outboundPacketLossPct?: number;
  readonly jitterMs?: number;
  /** Mean of the windows' MOS (each from its own window's loss, RTT and jitter). */
  readonly mos?: number;
  readonly minWindowMos?: number;
  readonly reconnects: number;
  readonly drops: number;
  readonly rejoins: number;
  /** Some peer connection reached ICE/connection state `failed`. */
  readonly failed: boolean;
  readonly iceFailures: number;
  /** Seconds in state `connected` (degraded not included). */
  readonly connectedSeconds: number;
  readonly secondsByState: SecondsByState;
  readonly minutesLost: number;
  readonly lastState?: ConnectionState;
  /** Everything else, over the whole session. */
  readonly metrics: ConnectivityMetrics;
}

export function addWindowToSession(session: SessionAccumulator, window: ConnectivityWindow): SessionAccumulator {
  const secondsByState = { ...session.secondsByState };
  for (const state of Object.keys(secondsByState) as ConnectionState[])
    secondsByState[state] += window.secondsByState[state];
  const mos = window.metrics.mos;
  return {
    windows: session.windows + 1,
    tally: mergeTallies(session.tally, window.tally),
    secondsByState,
    drops: session.drops + window.drops,
    rejoins: session.rejoins + window.rejoins,
    reconnects: session.reconnects + window.reconnects,
    iceFailures: session.iceFailures + window.iceFailures,
    mosSum: session.mosSum + (mos ?? 0),
    mosWindows: session.mosWindows + (mos === undefined ? 0 : 1),
    minMos: mos === undefined ? session.minMos : Math.min(session.minMos ?? mos, mos),
    lastState: window.state,
  };
}

export function summarizeSession(session: SessionAccumulator): ConnectivitySessionSummary {
  const metrics = summarizeTally(session.tally);
  return {
    meanRttMs: metrics.rttMs,
    rttSource: metrics.rttSource,
    iceRttMs: metrics.iceRttMs,
    rtcpRttMs: metrics.rtcpRttMs,
    packetLossPct: metrics.packetLossPct,
    outboundPacketLossPct: metrics.outboundPacketLossPct,
    jitterMs: metrics.jitterMs,
    mos: session.mosWindows > 0 ? session.mosSum / session.mosWindows : undefined,
    minWindowMos: session.minMos,
    reconnects: session.reconnects,
    drops: session.drops,
    rejoins: session.rejoins,
    failed: session.iceFailures > 0,
    iceFailures: session.iceFailures,
    connectedSeconds: session.secondsByState.connected,
    secondsByState: session.secondsByState,
    minutesLost: minutesLost(session.secondsByState),
    lastState: session.lastState,
    metrics,
  };
}

/** Windows → the running session summary after each window; the last one is the session's. */
export function connectivitySession(): OperatorFunction<ConnectivityWindow, ConnectivitySessionSummary> {
  return (windows$) => windows$.pipe(scan(addWindowToSession, EMPTY_SESSION), map(summarizeSession));
}
