import { map, scan, type OperatorFunction } from 'rxjs';
import type { ConnectivityInput } from './connectivity-input';
import {
  INITIAL_CONNECTION_MACHINE,
  stepConnection,
  type ConnectionState,
  type ConnectionStep,
  type ConnectionTransition,
  type SecondsByState,
} from './connection-state-machine';
import { DEFAULT_CONNECTIVITY_THRESHOLDS, type ConnectivityThresholds } from './thresholds';

/** What the live view needs after each input. */
export interface ConnectionSnapshot {
  /** The machine's event-time clock. */
  readonly at: number;
  readonly state: ConnectionState;
  readonly stateSince: number;
  readonly secondsByState: SecondsByState;
  readonly drops: number;
  readonly rejoins: number;
  readonly reconnects: number;
  readonly iceFailures: number;
  /** Some peer connection reached ICE/connection state `failed`. */
  readonly failed: boolean;
  /** Time present but not connected: reconnecting + disconnected, in minutes. */
  readonly minutesLost: number;
  /** Transitions caused by this input, in time order. */
  readonly transitions: readonly ConnectionTransition[];
}

export function snapshotOf({ machine, transitions }: ConnectionStep): ConnectionSnapshot {
  const { counters, secondsByState } = machine;
  return {
    at: machine.now,
    state: machine.state,
    stateSince: machine.stateSince,
    secondsByState,
    drops: counters.drops,
    rejoins: counters.rejoins,
    reconnects: counters.reconnects,
    iceFailures: counters.iceFailures,
    failed: counters.iceFailures > 0,
    minutesLost: minutesLost(secondsByState),
    transitions,
  };
}

export function minutesLost(secondsByState: SecondsByState): number {
  return (secondsByState.reconnecting + secondsByState.disconnected) / 60;
}

/** One participant's inputs (in arrival order) → a snapshot per input. */
export function connectionStates(
  thresholds: ConnectivityThresholds = DEFAULT_CONNECTIVITY_THRESHOLDS,
): OperatorFunction<ConnectivityInput, ConnectionSnapshot> {
  return (inputs$) =>
    inputs$.pipe(
      scan((step: ConnectionStep, input: ConnectivityInput) => stepConnection(step.machine, input, thresholds), {
        machine: INITIAL_CONNECTION_MACHINE,
        transitions: [],
      }),
      map(snapshotOf),
    );
}
