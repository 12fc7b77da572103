import type { NormalizedInterval } from '../normalize/normalized-interval';
import { IntervalSums } from './tally';

export const ICE_CONNECTION_STATES = [
  'new',
  'checking',
  'connected',
  'completed',
  'disconnected',
  'failed',
  'closed',
] as const;
/** RTCPeerConnection.iceConnectionState. */
export type IceConnectionState = (typeof ICE_CONNECTION_STATES)[number];

export const PEER_CONNECTION_STATES = ['new', 'connecting', 'connected', 'disconnected', 'failed', 'closed'] as const;
/** RTCPeerConnection.connectionState (ICE and DTLS together). */
export type PeerConnectionState = (typeof PEER_CONNECTION_STATES)[number];

/** For importers: a state string from a dump or the wire, checked before it becomes an input. */
export function isIceConnectionState(state: string): state is IceConnectionState {
  return (ICE_CONNECTION_STATES as readonly string[]).includes(state);
}

export function isPeerConnectionState(state: string): state is PeerConnectionState {
  return (PEER_CONNECTION_STATES as readonly string[]).includes(state);
}

/**
 * Everything the connection-state machine of ONE participant reacts to, in arrival order.
 *
 * `at` is always EVENT time: epoch ms on the participant's clock (stats timestamps, the time the
 * client saw the ICE change). The machine's clock is the largest `at` seen so far and never goes
 * back, so a late input is applied at the current time rather than rewriting the past.
 *
 * - `interval`: a normalised stats interval; it is the participant's sign of life (the
 *   "no report for N s" timeouts count from the last one) and carries the quality evidence.
 * - `ice-state` / `connection-state`: the browser's state change events, per peer connection.
 * - `join` / `leave`: the participant's join and leave messages. After `leave` nothing but a
 *   `join` brings the participant back (a stats report flushed after leaving must not).
 * - `page-closed`: the member's page went away without them leaving the call (tab closed,
 *   crashed, navigated away): a drop, not a departure, so coming back counts as a rejoin.
 * - `tick`: "time has passed up to `at`" and nothing else. Offline, time advances with the data and
 *   no ticks are needed; live, `withEventTimeTicks` makes them so silence can time out.
 */
export type ConnectivityInput =
  | { readonly type: 'interval'; readonly at: number; readonly interval: IntervalSums }
  | {
      readonly type: 'ice-state';
      readonly at: number;
      readonly peerConnectionId?: string;
      readonly state: IceConnectionState;
    }
  | {
      readonly type: 'connection-state';
      readonly at: number;
      readonly peerConnectionId?: string;
      readonly state: PeerConnectionState;
    }
  | { readonly type: 'join'; readonly at: number }
  | { readonly type: 'leave'; readonly at: number }
  | { readonly type: 'page-closed'; readonly at: number }
  | { readonly type: 'tick'; readonly at: number };

/** A normalised interval as the machine's input: its sums (`IntervalSums`), at its timestamp. */
export function intervalInput(interval: NormalizedInterval): ConnectivityInput {
  return { type: 'interval', at: interval.timestamp, interval: new IntervalSums(interval) };
}
