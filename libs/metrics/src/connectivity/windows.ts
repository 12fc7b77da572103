import { Observable, type OperatorFunction } from 'rxjs';
import type { ConnectivityInput } from './connectivity-input';
import {
  advanceInPlace,
  INITIAL_CONNECTION_MACHINE,
  NO_SECONDS,
  mutableMachine,
  stepMachineInPlace,
  type ConnectionCounters,
  type ConnectionMachine,
  type MutableConnectionMachine,
  type ConnectionState,
  type SecondsByState,
} from './connection-state-machine';
import { summarizeTally, type ConnectivityMetrics } from './metrics';
import { mutableTally, type ConnectivityTally, type MutableTally } from './tally';
import { DEFAULT_CONNECTIVITY_THRESHOLDS, type ConnectivityThresholds } from './thresholds';

/*
 * Fixed, event-time windows (aligned to multiples of the window length since the epoch, so all
 * participants' windows line up). A window is emitted once event time has passed its end by the
 * allowed lateness; an interval arriving later than that is added to the oldest open window rather
 * than dropped, so session totals stay exact. Windows are contiguous from the participant's first
 * input: a window with no reports (an outage) is still emitted, with its state but no metrics.
 */

export interface ConnectivityWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly metrics: ConnectivityMetrics;
  /** State at the window's end (at the last input, for the window the stream ended in). */
  readonly state: ConnectionState;
  /** The most severe state the participant spent time in during the window. */
  readonly worstState: ConnectionState;
  readonly secondsByState: SecondsByState;
  /** Counts within this window. */
  readonly drops: number;
  readonly rejoins: number;
  readonly reconnects: number;
  readonly iceFailures: number;
  /** For re-aggregation (60 s windows, sessions): tallies merge by adding. */
  readonly tally: ConnectivityTally;
}

interface MachineMark {
  readonly state: ConnectionState;
  readonly secondsByState: SecondsByState;
  readonly counters: ConnectionCounters;
}

/** A window still taking intervals: its tally is added to in place, by whoever owns the state. */
interface OpenWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly tally: MutableTally;
  readonly startMark: MachineMark;
  endMark?: MachineMark;
}

export interface WindowsState {
  readonly machine: ConnectionMachine;
  readonly open: readonly OpenWindow[];
}

/**
 * Windows state its owner steps in place (`advanceWindows`): one participant's, in the session
 * analyzer, where copying the open windows for every report cost more than the metrics.
 */
export interface MutableWindowsState {
  readonly machine: MutableConnectionMachine;
  open: OpenWindow[];
}

export const INITIAL_WINDOWS_STATE: WindowsState = { machine: INITIAL_CONNECTION_MACHINE, open: [] };

export interface WindowsStep {
  readonly state: WindowsState;
  readonly closed: readonly ConnectivityWindow[];
}

/** A corrupt timestamp far in the future must not make the reducer open millions of windows. */
export const MAX_CLOCK_JUMP_MS = 6 * 60 * 60 * 1000;

const SEVERITY_ORDER: readonly ConnectionState[] = ['disconnected', 'reconnecting', 'degraded', 'connected', 'left'];

/** Pure reducer: the state after `input`, and the windows it closed. `state` is left as it was. */
export function stepWindows(
  state: WindowsState,
  input: ConnectivityInput,
  thresholds: ConnectivityThresholds = DEFAULT_CONNECTIVITY_THRESHOLDS,
): WindowsStep {
  if (ignored(state.machine, input)) return { state, closed: [] };
  const working: MutableWindowsState = {
    machine: mutableMachine(state.machine),
    open: state.open.map(copyOpenWindow),
  };
  const closed: ConnectivityWindow[] = [];
  advanceWindows(working, input, thresholds, closed);
  return { state: working, closed };
}

/** A fresh, empty state for `advanceWindows`. */
export function mutableWindowsState(): MutableWindowsState {
  return { machine: mutableMachine(), open: [] };
}

/**
 * `stepWindows` in place: moves `state` past `input` and appends the windows it closed to
 * `closed`. The windows handed out are no longer touched.
 */
export function advanceWindows(
  state: MutableWindowsState,
  input: ConnectivityInput,
  thresholds: ConnectivityThresholds,
  closed: ConnectivityWindow[],
): void {
  if (ignored(state.machine, input)) return;
  const windowMs = thresholds.windowSeconds * 1000;
  const { machine } = state;
  const at = machine.started ? Math.max(machine.now, input.at) : input.at;

  const open = state.open;
  if (open.length === 0) {
    const startMs = Math.floor(at / windowMs) * windowMs;
    open.push(openWindow(startMs, windowMs, markOf(machine)));
  }
  // Close the machine's books at every boundary the clock crosses, before this input counts.
  for (let last = open[open.length - 1]; machine.started && last.endMs <= at; last = open[open.length - 1]) {
    advanceInPlace(machine, last.endMs, thresholds);
    const endMark = markOf(machine);
    last.endMark = endMark;
    open.push(openWindow(last.endMs, windowMs, endMark));
  }
  stepMachineInPlace(machine, input, thresholds);

  if (input.type === 'interval') {
    const timestamp = input.interval.timestamp;
    let index = 0;
    for (let candidate = 0; candidate < open.length; candidate++) {
      if (timestamp >= open[candidate].startMs && timestamp < open[candidate].endMs) {
        index = candidate;
        break;
      }
    }
    open[index].tally.addInterval(input.interval);
  }

  // Windows are in time order, so the ones the watermark has passed lead.
  const watermark = at - thresholds.allowedLatenessSeconds * 1000;
  let ready = 0;
  while (ready < open.length && open[ready].endMs <= watermark) ready++;
  if (ready === 0) return;
  const currentMark = markOf(machine);
  for (let index = 0; index < ready; index++) closed.push(toWindow(open[index], currentMark));
  open.splice(0, ready);
}

/** An input without a usable time, or one that jumps implausibly far ahead (a corrupt clock). */
function ignored(machine: ConnectionMachine, input: ConnectivityInput): boolean {
  const at = machine.started ? Math.max(machine.now, input.at) : input.at;
  return !Number.isFinite(at) || (machine.started && at - machine.now > MAX_CLOCK_JUMP_MS);
}

function openWindow(startMs: number, windowMs: number, startMark: MachineMark): OpenWindow {
  return { startMs, endMs: startMs + windowMs, tally: mutableTally(), startMark, endMark: undefined };
}

function copyOpenWindow(window: OpenWindow): OpenWindow {
  return { ...window, tally: mutableTally(window.tally) };
}

/** The stream ended: emit what is open, closing the last window's books at the last input. */
export function flushWindows(state: WindowsState): readonly ConnectivityWindow[] {
  return state.open.map((window) => toWindow(window, markOf(state.machine)));
}

/** One participant's inputs → one summary per window, in order. */
export function connectivityWindows(
  thresholds: ConnectivityThresholds = DEFAULT_CONNECTIVITY_THRESHOLDS,
): OperatorFunction<ConnectivityInput, ConnectivityWindow> {
  return (inputs$) =>
    new Observable<ConnectivityWindow>((subscriber) => {
      const state = mutableWindowsState();
      const closed: ConnectivityWindow[] = [];
      return inputs$.subscribe({
        next: (input) => {
          advanceWindows(state, input, thresholds, closed);
          for (const window of closed.splice(0)) subscriber.next(window);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          for (const window of flushWindows(state)) subscriber.next(window);
          subscriber.complete();
        },
      });
    });
}

/** The machine's figures at an instant: copies, since the machine goes on changing in place. */
function markOf(machine: ConnectionMachine): MachineMark {
  return { state: machine.state, secondsByState: { ...machine.secondsByState }, counters: { ...machine.counters } };
}

function toWindow(window: OpenWindow, currentMark: MachineMark): ConnectivityWindow {
  const end = window.endMark ?? currentMark;
  const start = window.startMark;
  const secondsByState = { ...NO_SECONDS };
  for (const state of SEVERITY_ORDER) secondsByState[state] = end.secondsByState[state] - start.secondsByState[state];
  return {
    startMs: window.startMs,
    endMs: window.endMs,
    metrics: summarizeTally(window.tally),
    state: end.state,
    worstState: SEVERITY_ORDER.find((state) => secondsByState[state] > 0) ?? end.state,
    secondsByState,
    drops: end.counters.drops - start.counters.drops,
    rejoins: end.counters.rejoins - start.counters.rejoins,
    reconnects: end.counters.reconnects - start.counters.reconnects,
    iceFailures: end.counters.iceFailures - start.counters.iceFailures,
    tally: window.tally,
  };
}
