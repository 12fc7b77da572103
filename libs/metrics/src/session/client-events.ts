import { isIceConnectionState, isPeerConnectionState, type ConnectivityInput } from '../connectivity';
import type { DistractionInput } from '../distraction';
import type { SessionMessage } from './session-analyzer.contract';

type ClientEvent = Extract<SessionMessage, { kind: 'client-event' }>;

/** What a client event means to the analyses: connectivity, distraction, the source of speech, or nothing we use. */
export type ClientEventMeaning =
  | { to: 'connectivity'; input: Extract<ConnectivityInput, { type: 'ice-state' | 'connection-state' }> }
  | { to: 'distraction'; input: DistractionInput }
  | { to: 'speech-source'; voiceDetection: 'started' | 'stopped'; at: number }
  | { to: 'nothing' };

type Device = 'audioinput' | 'videoinput' | 'audiooutput';
type Platform = 'desktop' | 'mobile';

/**
 * Reads a client event defensively (the contract's client event is open-ended): unknown types
 * and values the analyses do not know mean nothing, rather than a wrong state. `at` is the time
 * to apply it at (its own, or the analyzer's clock for a late one).
 */
export function interpretClientEvent(event: ClientEvent, participantId: string, at: number): ClientEventMeaning {
  const { type, state } = event;
  const peerConnectionId = typeof event.peerConnectionId === 'string' ? event.peerConnectionId : undefined;
  if (type === 'ice-state' && state !== undefined && isIceConnectionState(state)) {
    return { to: 'connectivity', input: { type: 'ice-state', at, peerConnectionId, state } };
  }
  if (type === 'connection-state' && state !== undefined && isPeerConnectionState(state)) {
    return { to: 'connectivity', input: { type: 'connection-state', at, peerConnectionId, state } };
  }
  if (type === 'voice-detection') {
    return oneOf(state, 'started', 'stopped') ? { to: 'speech-source', voiceDetection: state, at } : { to: 'nothing' };
  }
  if (type === 'device-change') {
    if (!oneOf<Device>(event.device, 'audioinput', 'videoinput', 'audiooutput')) return { to: 'nothing' };
    const platform = oneOf<Platform>(event.platform, 'desktop', 'mobile') ? { platform: event.platform } : {};
    return { to: 'distraction', input: { type, participantId, at, device: event.device, ...platform } };
  }
  const input = stateEvent(type, state, participantId, at);
  return input ? { to: 'distraction', input } : { to: 'nothing' };
}

function stateEvent(type: string, state: unknown, participantId: string, at: number): DistractionInput | undefined {
  switch (type) {
    case 'visibility':
      return oneOf(state, 'hidden', 'visible') ? { type, participantId, at, state } : undefined;
    case 'focus':
      return oneOf(state, 'focused', 'blurred') ? { type, participantId, at, state } : undefined;
    case 'mic':
    case 'camera':
    case 'privacy-pause':
      return oneOf(state, 'on', 'off') ? { type, participantId, at, state } : undefined;
    // Not in protocol v1 yet; understood when they come (docs/metrics.md).
    case 'talk-while-muted':
      return oneOf(state, 'start', 'end') ? { type, participantId, at, state } : undefined;
    case 'voice-activity':
      return oneOf(state, 'speech', 'silence') ? { type, participantId, at, state } : undefined;
    default:
      return undefined;
  }
}

function oneOf<Value extends string>(value: unknown, ...allowed: Value[]): value is Value {
  return typeof value === 'string' && (allowed as string[]).includes(value);
}
