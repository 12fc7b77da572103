import { Observable, type OperatorFunction } from 'rxjs';
import type { ConnectivityInput } from './connectivity-input';
import {
  advanceConnectionClock,
  INITIAL_CONNECTION_MACHINE,
  NO_SECONDS,
  stepConnection,
  type ConnectionCounters,
  type ConnectionMachine,
  type ConnectionState,
  type SecondsByState,
} from './connection-state-machine';
import { summarizeTally, type ConnectivityMetrics } from './metrics';
import { addIntervalToTally, EMPTY_TALLY, type ConnectivityTally } from './tally';
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

interface OpenWindow {
  readonly startMs: number;
  readonly endMs: number;
  readonly tally: ConnectivityTally;
  readonly startMark: MachineMark;
  readonly endMark?: MachineMark;
}

export interface WindowsState {
  readonly machine: ConnectionMachine;
  readonly open: readonly OpenWindow[];
}

export const INITIAL_WINDOWS_STATE: WindowsState = { machine: INITIAL_CONNECTION_MACHINE, open: [] };

export interface WindowsStep {
  readonly state: WindowsState;
  readonly closed: readonly ConnectivityWindow[];
}

/** A corrupt timestamp far in the future must not make the reducer open millions of windows. */
export const MAX_CLOCK_JUMP_MS = 6 * 60 * 60 * 1000;

const SEVERITY_ORDER: readonly ConnectionState[] = ['disconnected', 'reconnecting', 'degraded', 'connected', 'left'];

export function stepWindows(
  state: WindowsState,
  input: ConnectivityInput,
  thresholds: ConnectivityThresholds = DEFAULT_CONNECTIVITY_THRESHOLDS,
): WindowsStep {
  const windowMs = thresholds.windowSeconds * 1000;
  let { machine } = state;
  const at = machine.started ? Math.max(machine.now, input.at) : input.at;
  if (!Number.isFinite(at) || (machine.started && at - machine.now > MAX_CLOCK_JUMP_MS)) return { state, closed: [] };

  const open: OpenWindow[] = [...state.open];
  if (open.length === 0) {
    const startMs = Math.floor(at / windowMs) * windowMs;
    open.push({ startMs, endMs: startMs + windowMs, tally: EMPTY_TALLY, startMark: markOf(machine) });
  }
  // Close the machine's books at every boundary the clock crosses, before this input counts.
  for (let last = open[open.length - 1]; machine.started && last.endMs <= at; last = open[open.length - 1]) {
    machine = advanceConnectionClock(machine, last.endMs, thresholds).machine;
    const endMark = markOf(machine);
    open[open.length - 1] = { ...last, endMark };
    open.push({ startMs: last.endMs, endMs: last.endMs + windowMs, tally: EMPTY_TALLY, startMark: endMark });
  }
  machine = stepConnection(machine, input, thresholds).machine;

  if (input.type === 'interval') {
    const timestamp = input.interval.timestamp;
    const index = Math.max(
      0,
      open.findIndex((window) => timestamp >= window.startMs && timestamp < window.endMs),
    );
    open[index] = { ...open[index], tally: addIntervalToTally(open[index].tally, input.interval) };
  }

  const watermark = at - thresholds.allowedLatenessSeconds * 1000;
  const ready = open.filter((window) => window.endMs <= watermark);
  return {
    state: { machine, open: open.slice(ready.length) },
    closed: ready.map((window) => toWindow(window, markOf(machine))),
  };
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
      let state = INITIAL_WINDOWS_STATE;
      return inputs$.subscribe({
        next: (input) => {
          const step = stepWindows(state, input, thresholds);
          state = step.state;
          for (const window of step.closed) subscriber.next(window);
        },
        error: (error: unknown) => subscriber.error(error),
        complete: () => {
          for (const window of flushWindows(state)) subscriber.next(window);
          subscriber.complete();
        },
      });
    });
}

function markOf(machine: ConnectionMachine): MachineMark {
  return { state: machine.state, secondsByState: machine.secondsByState, counters: machine.counters };
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
