import { addIntervalToTally, EMPTY_TALLY } from './tally';
import type { ConnectivityInput } from './connectivity-input';
import { intervalHealth } from './interval-health';
import {
  applyLinkEvent,
  NO_LINKS,
  participantLink,
  type LinkConditions,
  type ParticipantLink,
} from './link-conditions';
import { summarizeTally } from './metrics';
import type { ConnectivityThresholds } from './thresholds';

/*
 * The connection state of one participant (PRODUCT.md):
 *
 *   connected ──bad ≥10 s──► degraded ──good ≥10 s──► connected
 *   connected/degraded ──ICE disconnected, or no report 5 s──► reconnecting
 *   any ──ICE failed/closed, or no report 15 s──► disconnected  (a drop)
 *   disconnected ──reports again and a usable link──► reconnecting
 *   reconnecting ──link ok ≥10 s──► connected (or degraded if quality is bad)  (a reconnect;
 *                                                  also a rejoin if the outage reached disconnected)
 *   any ──leave──► left ──join──► connected
 *
 * Timeouts fire at their exact event time even when the input that reveals them comes later
 * (a tick, or offline the next report), so the seconds spent in each state do not depend on how
 * often the machine is fed.
 */

export const CONNECTION_STATES = ['connected', 'degraded', 'reconnecting', 'disconnected', 'left'] as const;
export type ConnectionState = (typeof CONNECTION_STATES)[number];

export type TransitionCause =
  | 'poor-quality'
  | 'quality-recovered'
  | 'ice-disconnected'
  | 'no-report'
  | 'ice-failed'
  | 'ice-closed'
  | 'connectivity-returned'
  | 'reconnected'
  | 'leave'
  | 'join';

export interface ConnectionTransition {
  readonly from: ConnectionState;
  readonly to: ConnectionState;
  readonly at: number;
  readonly cause: TransitionCause;
}

export interface ConnectionCounters {
  /** Entries into `disconnected`. */
  readonly drops: number;
  /** Recoveries after an outage that reached `disconnected`. */
  readonly rejoins: number;
  /** Recoveries from `reconnecting`/`disconnected` to `connected`/`degraded` (rejoins included). */
  readonly reconnects: number;
  /** Peer connections that fell into ICE/connection state `failed`. */
  readonly iceFailures: number;
}

export type SecondsByState = Readonly<Record<ConnectionState, number>>;

export const NO_SECONDS: SecondsByState = { connected: 0, degraded: 0, reconnecting: 0, disconnected: 0, left: 0 };
const NO_COUNTERS: ConnectionCounters = { drops: 0, rejoins: 0, reconnects: 0, iceFailures: 0 };

export interface ConnectionMachine {
  /** False until the first input; nothing else is meaningful before. */
  readonly started: boolean;
  /** Event-time clock: the largest `at` seen. */
  readonly now: number;
  readonly state: ConnectionState;
  readonly stateSince: number;
  readonly secondsByState: SecondsByState;
  readonly counters: ConnectionCounters;
  readonly links: LinkConditions;
  readonly link: ParticipantLink;
  readonly linkSince: number;
  /** Last stats report (or join, or start): the "no report for N s" timeouts count from here. */
  readonly lastReportAt: number;
  /** Start of the current run of reports without a gap that reached the reconnecting timeout. */
  readonly reportsFlowingSince: number;
  /** Start of the current bad-quality streak (undefined unless the latest evidence is bad). */
  readonly qualityBadSince?: number;
  /** Start of the current not-bad streak (undefined while the latest evidence is bad). */
  readonly qualityOkSince?: number;
  /** End of the last interval that said anything about quality: a new streak cannot start before it. */
  readonly lastQualityEvidenceAt?: number;
  readonly outageReachedDisconnected: boolean;
}

export const INITIAL_CONNECTION_MACHINE: ConnectionMachine = {
  started: false,
  now: 0,
  state: 'connected',
  stateSince: 0,
  secondsByState: NO_SECONDS,
  counters: NO_COUNTERS,
  links: NO_LINKS,
  link: 'unknown',
  linkSince: 0,
  lastReportAt: 0,
  reportsFlowingSince: 0,
  // Optional fields are listed so every machine has the same shape (V8 keeps it fast).
  qualityBadSince: undefined,
  qualityOkSince: 0,
  lastQualityEvidenceAt: undefined,
  outageReachedDisconnected: false,
};

export interface ConnectionStep {
  readonly machine: ConnectionMachine;
  /** Transitions applied while processing this input, in time order (often none, sometimes several). */
  readonly transitions: readonly ConnectionTransition[];
}

/** Pure reducer: one input, in arrival order. */
export function stepConnection(
  machine: ConnectionMachine,
  input: ConnectivityInput,
  thresholds: ConnectivityThresholds,
): ConnectionStep {
  const started = machine.started ? machine : startAt(input.at);
  const at = Math.max(started.now, input.at);
  const before = advanceConnectionClock(started, at, thresholds);
  const applied = applyInput(before.machine, input, at, thresholds);
  const after = advanceConnectionClock(applied.machine, at, thresholds);
  return { machine: after.machine, transitions: [...before.transitions, ...applied.transitions, ...after.transitions] };
}

/** Lets event time pass up to `until`, applying every timeout that falls due on the way, in order. */
export function advanceConnectionClock(
  machine: ConnectionMachine,
  until: number,
  thresholds: ConnectivityThresholds,
): ConnectionStep {
  if (!machine.started || until < machine.now) return { machine, transitions: [] };
  const transitions: ConnectionTransition[] = [];
  let current = machine;
  // Each transition changes the state and the rules of one state exclude each other's
  // preconditions, so this settles quickly; the bound only guards against a future mistake.
  for (let guard = 0; guard < 16; guard++) {
    const due = nextDueTransition(current, thresholds);
    if (!due || due.at > until) break;
    const step = transition(current, due.to, Math.max(due.at, current.now), due.cause);
    current = step.machine;
    transitions.push(...step.transitions);
  }
  return { machine: accrue(current, until), transitions };
}

function startAt(at: number): ConnectionMachine {
  return {
    ...INITIAL_CONNECTION_MACHINE,
    started: true,
    now: at,
    stateSince: at,
    linkSince: at,
    lastReportAt: at,
    reportsFlowingSince: at,
    qualityOkSince: at,
  };
}

interface DueTransition {
  readonly at: number;
  readonly to: ConnectionState;
  readonly cause: TransitionCause;
}

function nextDueTransition(machine: ConnectionMachine, thresholds: ConnectivityThresholds): DueTransition | undefined {
  const { state, link, linkSince, lastReportAt, qualityBadSince } = machine;
  if (state === 'left') return undefined;
  const reconnectingAt = lastReportAt + thresholds.reconnectingAfterNoReportSeconds * 1000;
  const disconnectedAt = lastReportAt + thresholds.disconnectedAfterNoReportSeconds * 1000;
  const recoverMs = thresholds.recoverAfterSeconds * 1000;
  // Listed worst first: at equal times a worsening wins over a recovery.
  const candidates: (DueTransition | undefined)[] = [];
  if (state !== 'disconnected') {
    if (link === 'failed' || link === 'closed') {
      candidates.push({ at: linkSince, to: 'disconnected', cause: link === 'failed' ? 'ice-failed' : 'ice-closed' });
    }
    candidates.push({ at: disconnectedAt, to: 'disconnected', cause: 'no-report' });
  }
  if (state === 'connected' || state === 'degraded') {
    if (link === 'down') candidates.push({ at: linkSince, to: 'reconnecting', cause: 'ice-disconnected' });
    candidates.push({ at: reconnectingAt, to: 'reconnecting', cause: 'no-report' });
  }
  if (state === 'connected' && qualityBadSince !== undefined) {
    candidates.push({
      at: qualityBadSince + thresholds.degradedAfterSeconds * 1000,
      to: 'degraded',
      cause: 'poor-quality',
    });
  }
  // A recovery only counts if reports are still flowing when it would apply.
  const beforeSilence = (due: DueTransition | undefined) =>
    due && Math.max(due.at, machine.now) < reconnectingAt ? due : undefined;
  const linkOkSince = connectivityOkSince(machine);
  if (state === 'degraded' && linkOkSince !== undefined && machine.qualityOkSince !== undefined) {
    const goodSince = Math.max(linkOkSince, machine.qualityOkSince);
    candidates.push(beforeSilence({ at: goodSince + recoverMs, to: 'connected', cause: 'quality-recovered' }));
  }
  if (state === 'reconnecting' && linkOkSince !== undefined) {
    const to = qualityBadSince === undefined ? 'connected' : 'degraded';
    candidates.push(beforeSilence({ at: linkOkSince + recoverMs, to, cause: 'reconnected' }));
  }
  if (state === 'disconnected' && link !== 'failed' && link !== 'closed') {
    const since = Math.max(machine.reportsFlowingSince, linkSince);
    candidates.push(beforeSilence({ at: since, to: 'reconnecting', cause: 'connectivity-returned' }));
  }
  return candidates.reduce<DueTransition | undefined>(
    (earliest, candidate) => (candidate && (!earliest || candidate.at < earliest.at) ? candidate : earliest),
    undefined,
  );
}

/** Since when reports have flowed and the link has been usable (up, or unknown for a stats-only source). */
function connectivityOkSince(machine: ConnectionMachine): number | undefined {
  if (machine.link !== 'up' && machine.link !== 'unknown') return undefined;
  return Math.max(machine.reportsFlowingSince, machine.linkSince);
}

function accrue(machine: ConnectionMachine, until: number): ConnectionMachine {
  if (until <= machine.now) return machine;
  const secondsByState = { ...machine.secondsByState };
  secondsByState[machine.state] += (until - machine.now) / 1000;
  return { ...machine, now: until, secondsByState };
}

function transition(
  machine: ConnectionMachine,
  to: ConnectionState,
  at: number,
  cause: TransitionCause,
): ConnectionStep {
  const from = machine.state;
  const accrued = accrue(machine, at);
  let { counters, outageReachedDisconnected } = accrued;
  const outage = from === 'reconnecting' || from === 'disconnected';
  if (to === 'disconnected') {
    counters = { ...counters, drops: counters.drops + 1 };
    outageReachedDisconnected = true;
  } else if (outage && (to === 'connected' || to === 'degraded')) {
    counters = {
      ...counters,
      reconnects: counters.reconnects + 1,
      rejoins: counters.rejoins + (outageReachedDisconnected ? 1 : 0),
    };
    outageReachedDisconnected = false;
  } else if (to === 'left') {
    outageReachedDisconnected = false;
  }
  return {
    machine: { ...accrued, state: to, stateSince: at, counters, outageReachedDisconnected },
    transitions: [{ from, to, at, cause }],
  };
}

function applyInput(
  machine: ConnectionMachine,
  input: ConnectivityInput,
  at: number,
  thresholds: ConnectivityThresholds,
): ConnectionStep {
  switch (input.type) {
    case 'interval':
      return { machine: applyInterval(withReport(machine, input.at, thresholds), input, thresholds), transitions: [] };
    case 'ice-state':
    case 'connection-state':
      return {
        machine: applyLink(machine, input.type === 'ice-state' ? 'ice' : 'connection', input, at),
        transitions: [],
      };
    case 'leave':
      return machine.state === 'left' ? { machine, transitions: [] } : transition(machine, 'left', at, 'leave');
    case 'join':
      return machine.state === 'left'
        ? returnAfterLeaving(machine, at)
        : { machine: withReport(machine, input.at, thresholds), transitions: [] };
    case 'tick':
      return { machine, transitions: [] };
    default:
      return { machine, transitions: [] }; // an input type from a newer producer is ignored
  }
}

/** A new attendance: timers and links start afresh; what was counted so far stays. */
function returnAfterLeaving(machine: ConnectionMachine, at: number): ConnectionStep {
  const fresh = startAt(at);
  return transition(
    { ...fresh, state: 'left', secondsByState: machine.secondsByState, counters: machine.counters },
    'connected',
    at,
    'join',
  );
}

/** A sign of life at `reportAt` (its own event time: a late report still shows there was no gap). */
function withReport(
  machine: ConnectionMachine,
  reportAt: number,
  thresholds: ConnectivityThresholds,
): ConnectionMachine {
  if (reportAt <= machine.lastReportAt) return machine;
  const gapReachedTimeout = reportAt - machine.lastReportAt >= thresholds.reconnectingAfterNoReportSeconds * 1000;
  return {
    ...machine,
    lastReportAt: reportAt,
    reportsFlowingSince: gapReachedTimeout ? reportAt : machine.reportsFlowingSince,
  };
}

function applyInterval(
  machine: ConnectionMachine,
  input: Extract<ConnectivityInput, { type: 'interval' }>,
  thresholds: ConnectivityThresholds,
): ConnectionMachine {
  const { interval } = input;
  const health = intervalHealth(summarizeTally(addIntervalToTally(EMPTY_TALLY, interval)), thresholds);
  if (health === 'unknown') return machine;
  // The interval's evidence covers its whole span, but never time already judged by an earlier interval.
  const spanStart = interval.timestamp - interval.intervalSeconds * 1000;
  const since = Math.min(Math.max(spanStart, machine.lastQualityEvidenceAt ?? spanStart), interval.timestamp);
  const lastQualityEvidenceAt = Math.max(machine.lastQualityEvidenceAt ?? interval.timestamp, interval.timestamp);
  return health === 'bad'
    ? {
        ...machine,
        qualityBadSince: machine.qualityBadSince ?? since,
        qualityOkSince: undefined,
        lastQualityEvidenceAt,
      }
    : {
        ...machine,
        qualityOkSince: machine.qualityOkSince ?? since,
        qualityBadSince: undefined,
        lastQualityEvidenceAt,
      };
}

function applyLink(
  machine: ConnectionMachine,
  source: 'ice' | 'connection',
  input: Extract<ConnectivityInput, { type: 'ice-state' | 'connection-state' }>,
  at: number,
): ConnectionMachine {
  const { links, newlyFailed } = applyLinkEvent(machine.links, source, input.state, at, input.peerConnectionId);
  const link = participantLink(links);
  const counters = newlyFailed
    ? { ...machine.counters, iceFailures: machine.counters.iceFailures + 1 }
    : machine.counters;
  return { ...machine, links, counters, link, linkSince: link === machine.link ? machine.linkSince : at };
}
