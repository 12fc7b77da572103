import { ICE_CONNECTION_STATES, PEER_CONNECTION_STATES, type ClientEventMessage } from '@attune/protocol';

export type StateEventType = 'ice-state' | 'connection-state';
export type StateEvent = Extract<ClientEventMessage, { type: StateEventType }>;

const STATES_BY_EVENT: Record<StateEventType, readonly string[]> = {
  'ice-state': ICE_CONNECTION_STATES,
  'connection-state': PEER_CONNECTION_STATES,
};

/**
 * A state-change event from a recording, with the state spelled as the protocol spells it.
 * Recorders disagree on spelling (`connected`, `Connected`, `kConnected`, `ICEConnectionStateConnected`),
 * so the value is matched by its ending, longest state first so `disconnected` never reads as `connected`.
 */
export function stateEventFrom(
  type: StateEventType,
  recordedState: unknown,
  at: number,
  peerConnectionId: string | undefined,
): { event: StateEvent } | { reason: string } {
  const states = STATES_BY_EVENT[type];
  const state = typeof recordedState === 'string' ? normalizedState(recordedState, states) : undefined;
  if (state === undefined) {
    return { reason: `unrecognised ${type} value (expected one of: ${states.join(', ')})` };
  }
  // The protocol types state per event type; `states` holds exactly that type's values.
  const event = { kind: 'client-event', type, at, state, ...(peerConnectionId ? { peerConnectionId } : {}) };
  return { event: event as StateEvent };
}

function normalizedState(recorded: string, states: readonly string[]): string | undefined {
  const letters = recorded.toLowerCase().replace(/[^a-z]/g, '');
  if (states.includes(letters)) return letters;
  return [...states].sort((first, second) => second.length - first.length).find((state) => letters.endsWith(state));
}
