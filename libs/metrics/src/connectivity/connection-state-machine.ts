import { callQuality } from './metrics';
import type { ConnectivityInput } from './connectivity-input';
import { intervalHealth } from './interval-health';
import {
  applyLinkEvent,
  NO_LINKS,
  participantLink,
  type LinkConditions,
  type ParticipantLink,
} from './link-conditions';
import type { ConnectivityThresholds } from './thresholds';

/*
 * The connection state of one participant (PRODUCT.md):
 *
 *   connected ──bad ≥10 s──► degraded ──good ≥10 s──► connected
 *   connected/degraded ──ICE disconnected, or no report 5 s──► reconnecting
 *   any ──ICE failed/closed, the page closed, or no report 15 s──► disconnected  (a drop)
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
  | 'page-closed'
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
  /** The latest bad interval and its peer connection: in a mesh, the worst path decides. */
  readonly lastBadEvidence?: { readonly peerConnectionId: string; readonly at: number };
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
  lastBadEvidence: undefined,
  outageReachedDisconnected: false,
};

export interface ConnectionStep {
  readonly machine: ConnectionMachine;
  /** Transitions applied while processing this input, in time order (often none, sometimes several). */
  readonly transitions: readonly ConnectionTransition[];
}

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A machine its owner steps in place (one participant's, in the windows): the seconds and
 * counters are its own objects, so a report changes a few numbers instead of copying the machine
 * several times. The pure reducers below copy a machine first and step the copy.
 */
export interface MutableConnectionMachine extends Mutable<Omit<ConnectionMachine, 'secondsByState' | 'counters'>> {
  secondsByState: Record<ConnectionState, number>;
  counters: Mutable<ConnectionCounters>;
}

/** A machine of one's own to step in place: a copy of `machine`, the initial one by default. */
export function mutableMachine(machine: ConnectionMachine = INITIAL_CONNECTION_MACHINE): MutableConnectionMachine {
  return { ...machine, secondsByState: { ...machine.secondsByState }, counters: { ...machine.counters } };
}

/** Pure reducer: one input, in arrival order. */
export function stepConnection(
  machine: ConnectionMachine,
  input: ConnectivityInput,
  thresholds: ConnectivityThresholds,
): ConnectionStep {
  const next = mutableMachine(machine);
  const transitions: ConnectionTransition[] = [];
  stepMachineInPlace(next, input, thresholds, transitions);
  return { machine: next, transitions };
}

/** `stepConnection` in place; transitions go to `transitions` when given. */
export function stepMachineInPlace(
  machine: MutableConnectionMachine,
  input: ConnectivityInput,
  thresholds: ConnectivityThresholds,
  transitions?: ConnectionTransition[],
): void {
  if (!machine.started) restart(machine, input.at, false);
  const at = Math.max(machine.now, input.at);
  advanceInPlace(machine, at, thresholds, transitions);
  applyInput(machine, input, at, thresholds, transitions);
  advanceInPlace(machine, at, thresholds, transitions);
}

/** Lets event time pass up to `until`, applying every timeout that falls due on the way, in order. */
export function advanceConnectionClock(
  machine: ConnectionMachine,
  until: number,
  thresholds: ConnectivityThresholds,
): ConnectionStep {
  if (!machine.started || until < machine.now) return { machine, transitions: [] };
  const next = mutableMachine(machine);
  const transitions: ConnectionTransition[] = [];
  advanceInPlace(next, until, thresholds, transitions);
  return { machine: next, transitions };
}

/** `advanceConnectionClock` in place; transitions go to `transitions` when given. */
export function advanceInPlace(
  machine: MutableConnectionMachine,
  until: number,
  thresholds: ConnectivityThresholds,
  transitions?: ConnectionTransition[],
): void {
  if (!machine.started || until < machine.now) return;
  // Each transition changes the state and the rules of one state exclude each other's
  // preconditions, so this settles quickly; the bound only guards against a future mistake.
  for (let guard = 0; guard < 16; guard++) {
    const due = nextDueTransition(machine, thresholds);
    if (!due || due.at > until) break;
    transition(machine, due.to, Math.max(due.at, machine.now), due.cause, transitions);
  }
  accrue(machine, until);
}

/**
 * Starts the machine afresh at `at` (its first input, or a return after leaving): timers and
 * links start again; the seconds and counters are kept when `keepTotals`, else zeroed.
 */
function restart(machine: MutableConnectionMachine, at: number, keepTotals: boolean): void {
  machine.started = true;
  machine.now = at;
  machine.state = 'connected';
  machine.stateSince = at;
  if (!keepTotals) {
    for (const state of CONNECTION_STATES) machine.secondsByState[state] = 0;
    machine.counters.drops = 0;
    machine.counters.rejoins = 0;
    machine.counters.reconnects = 0;
    machine.counters.iceFailures = 0;
  }
  machine.links = NO_LINKS;
  machine.link = 'unknown';
  machine.linkSince = at;
  machine.lastReportAt = at;
  machine.reportsFlowingSince = at;
  machine.qualityBadSince = undefined;
  machine.qualityOkSince = at;
  machine.lastQualityEvidenceAt = undefined;
  machine.lastBadEvidence = undefined;
  machine.outageReachedDisconnected = false;
}

/**
 * The earliest transition due, filled in by `nextDueTransition`. One record, reused: it runs at
 * least twice per report of every participant, and its answer is read at once (a record and two
 * closures per call were 8 % of what the analyzer allocates).
 */
interface DueTransition {
  at: number;
  to: ConnectionState;
  cause: TransitionCause;
}

const earliestDue: DueTransition = { at: 0, to: 'connected', cause: 'no-report' };

/**
 * Offers a candidate: candidates are offered worst first and only a strictly earlier one replaces
 * the earliest so far, so at equal times a worsening wins over a recovery. `found`: whether one was.
 */
function offer(found: boolean, at: number, to: ConnectionState, cause: TransitionCause): true {
  if (!found || at < earliestDue.at) {
    earliestDue.at = at;
    earliestDue.to = to;
    earliestDue.cause = cause;
  }
  return true;
}

/** The earliest transition due (`earliestDue`, valid until the next call), if any. */
function nextDueTransition(machine: ConnectionMachine, thresholds: ConnectivityThresholds): DueTransition | undefined {
  const { state, link, linkSince, lastReportAt, qualityBadSince } = machine;
  if (state === 'left') return undefined;
  const reconnectingAt = lastReportAt + thresholds.reconnectingAfterNoReportSeconds * 1000;
  const disconnectedAt = lastReportAt + thresholds.disconnectedAfterNoReportSeconds * 1000;
  const recoverMs = thresholds.recoverAfterSeconds * 1000;
  // A recovery only counts if reports are still flowing when it would apply (before reconnectingAt).
  let found = false;
  if (state !== 'disconnected') {
    if (link === 'failed' || link === 'closed')
      found = offer(found, linkSince, 'disconnected', link === 'failed' ? 'ice-failed' : 'ice-closed');
    found = offer(found, disconnectedAt, 'disconnected', 'no-report');
  }
  if (state === 'connected' || state === 'degraded') {
    if (link === 'down') found = offer(found, linkSince, 'reconnecting', 'ice-disconnected');
    found = offer(found, reconnectingAt, 'reconnecting', 'no-report');
  }
  if (state === 'connected' && qualityBadSince !== undefined) {
    found = offer(found, qualityBadSince + thresholds.degradedAfterSeconds * 1000, 'degraded', 'poor-quality');
  }
  const linkOkSince = connectivityOkSince(machine);
  if (state === 'degraded' && linkOkSince !== undefined && machine.qualityOkSince !== undefined) {
    const recoveredAt = Math.max(linkOkSince, machine.qualityOkSince) + recoverMs;
    if (Math.max(recoveredAt, machine.now) < reconnectingAt)
      found = offer(found, recoveredAt, 'connected', 'quality-recovered');
  }
  if (
    state === 'reconnecting' &&
    linkOkSince !== undefined &&
    Math.max(linkOkSince + recoverMs, machine.now) < reconnectingAt
  ) {
    const to = qualityBadSince === undefined ? 'connected' : 'degraded';
    found = offer(found, linkOkSince + recoverMs, to, 'reconnected');
  }
  if (state === 'disconnected' && link !== 'failed' && link !== 'closed') {
    const returnedAt = Math.max(machine.reportsFlowingSince, linkSince);
    if (Math.max(returnedAt, machine.now) < reconnectingAt)
      found = offer(found, returnedAt, 'reconnecting', 'connectivity-returned');
  }
  return found ? earliestDue : undefined;
}

/** Since when reports have flowed and the link has been usable (up, or unknown for a stats-only source). */
function connectivityOkSince(machine: ConnectionMachine): number | undefined {
  if (machine.link !== 'up' && machine.link !== 'unknown') return undefined;
  return Math.max(machine.reportsFlowingSince, machine.linkSince);
}

function accrue(machine: MutableConnectionMachine, until: number): void {
  if (until <= machine.now) return;
  machine.secondsByState[machine.state] += (until - machine.now) / 1000;
  machine.now = until;
}

function transition(
  machine: MutableConnectionMachine,
  to: ConnectionState,
  at: number,
  cause: TransitionCause,
  transitions: ConnectionTransition[] | undefined,
): void {
  const from = machine.state;
  accrue(machine, at);
  const counters = machine.counters;
  const outage = from === 'reconnecting' || from === 'disconnected';
  if (to === 'disconnected') {
    counters.drops += 1;
    machine.outageReachedDisconnected = true;
  } else if (outage && (to === 'connected' || to === 'degraded')) {
    counters.reconnects += 1;
    counters.rejoins += machine.outageReachedDisconnected ? 1 : 0;
    machine.outageReachedDisconnected = false;
  } else if (to === 'left') {
    machine.outageReachedDisconnected = false;
  }
  transitions?.push({ from, to, at, cause });
  machine.state = to;
  machine.stateSince = at;
}

function applyInput(
  machine: MutableConnectionMachine,
  input: ConnectivityInput,
  at: number,
  thresholds: ConnectivityThresholds,
  transitions: ConnectionTransition[] | undefined,
): void {
  switch (input.type) {
    case 'interval':
      withReport(machine, input.at, thresholds);
      return applyInterval(machine, input, thresholds);
    case 'ice-state':
    case 'connection-state':
      return applyLink(machine, input.type === 'ice-state' ? 'ice' : 'connection', input, at);
    case 'leave':
      if (machine.state !== 'left') transition(machine, 'left', at, 'leave', transitions);
      return;
    case 'page-closed':
      // Its peer connections went with the page: the next page's links are judged afresh, and
      // only reports sent after it closed show that the member is back.
      machine.links = NO_LINKS;
      machine.link = 'unknown';
      machine.linkSince = at;
      machine.reportsFlowingSince = Number.POSITIVE_INFINITY;
      if (machine.state !== 'left' && machine.state !== 'disconnected') {
        transition(machine, 'disconnected', at, 'page-closed', transitions);
      }
      return;
    case 'join':
      if (machine.state === 'left') return returnAfterLeaving(machine, at, transitions);
      return withReport(machine, input.at, thresholds);
    case 'tick':
      return;
    default:
      return; // an input type from a newer producer is ignored
  }
}

/** A new attendance: timers and links start afresh; what was counted so far stays. */
function returnAfterLeaving(
  machine: MutableConnectionMachine,
  at: number,
  transitions: ConnectionTransition[] | undefined,
): void {
  restart(machine, at, true);
  machine.state = 'left';
  transition(machine, 'connected', at, 'join', transitions);
}

/** A sign of life at `reportAt` (its own event time: a late report still shows there was no gap). */
function withReport(machine: MutableConnectionMachine, reportAt: number, thresholds: ConnectivityThresholds): void {
  if (reportAt <= machine.lastReportAt) return;
  const gapReachedTimeout = reportAt - machine.lastReportAt >= thresholds.reconnectingAfterNoReportSeconds * 1000;
  machine.lastReportAt = reportAt;
  if (gapReachedTimeout || machine.reportsFlowingSince > reportAt) machine.reportsFlowingSince = reportAt;
}

function applyInterval(
  machine: MutableConnectionMachine,
  input: Extract<ConnectivityInput, { type: 'interval' }>,
  thresholds: ConnectivityThresholds,
): void {
  const { interval } = input;
  // An interval's sums are a tally of their own: its quality is what a window of it alone would say.
  const health = intervalHealth(callQuality(interval), thresholds);
  if (health === 'unknown') return;
  // A member with several peer connections (a mesh) reports each every poll: one healthy path
  // must not keep resetting the streak of a bad one. Good evidence counts only once no other
  // connection has been bad within the last two intervals.
  const otherPathBad =
    health === 'good' &&
    machine.lastBadEvidence !== undefined &&
    machine.lastBadEvidence.peerConnectionId !== interval.peerConnectionId &&
    interval.timestamp - machine.lastBadEvidence.at <= 2 * interval.intervalSeconds * 1000;
  if (otherPathBad) return;
  if (health === 'bad')
    machine.lastBadEvidence = { peerConnectionId: interval.peerConnectionId, at: interval.timestamp };
  // The interval's evidence covers its whole span, but never time already judged by an earlier interval.
  const spanStart = interval.timestamp - interval.intervalSeconds * 1000;
  const since = Math.min(Math.max(spanStart, machine.lastQualityEvidenceAt ?? spanStart), interval.timestamp);
  machine.lastQualityEvidenceAt = Math.max(machine.lastQualityEvidenceAt ?? interval.timestamp, interval.timestamp);
  if (health === 'bad') {
    machine.qualityBadSince = machine.qualityBadSince ?? since;
    machine.qualityOkSince = undefined;
  } else {
    machine.qualityOkSince = machine.qualityOkSince ?? since;
    machine.qualityBadSince = undefined;
  }
}

function applyLink(
  machine: MutableConnectionMachine,
  source: 'ice' | 'connection',
  input: Extract<ConnectivityInput, { type: 'ice-state' | 'connection-state' }>,
  at: number,
): void {
  const { links, newlyFailed } = applyLinkEvent(machine.links, source, input.state, at, input.peerConnectionId);
  const link = participantLink(links);
  if (newlyFailed) machine.counters.iceFailures += 1;
  machine.linkSince = link === machine.link ? machine.linkSince : at;
  machine.links = links;
  machine.link = link;
}
