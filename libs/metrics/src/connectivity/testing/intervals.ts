import type {
  CandidatePairInterval,
  InboundTrackInterval,
  NormalizedInterval,
  OutboundTrackInterval,
  RemoteInboundTrackInterval,
  TrackInterval,
} from '../../normalize/normalized-interval';
import { intervalInput, type ConnectivityInput } from '../connectivity-input';

/* Hand-built normalised intervals for connectivity tests: only the fields a test cares about. */

export function inbound(
  kind: 'audio' | 'video',
  deltas: InboundTrackInterval['deltas'],
  gauges: InboundTrackInterval['gauges'] = {},
  statsId = `IN-${kind}`,
): InboundTrackInterval {
  return { direction: 'inbound', kind, statsId, deltas, gauges };
}

export function outbound(
  kind: 'audio' | 'video',
  deltas: OutboundTrackInterval['deltas'],
  statsId = `OUT-${kind}`,
): OutboundTrackInterval {
  return { direction: 'outbound', kind, statsId, deltas, gauges: {} };
}

export function remoteInbound(
  kind: 'audio' | 'video',
  deltas: RemoteInboundTrackInterval['deltas'],
  gauges: RemoteInboundTrackInterval['gauges'] = {},
  localPacketsSent?: number,
): RemoteInboundTrackInterval {
  return { direction: 'remote-inbound', kind, statsId: `RIN-${kind}`, deltas, gauges, localPacketsSent };
}

export function selectedPair(currentRoundTripTime: number): CandidatePairInterval {
  return { statsId: 'CP', deltas: {}, gauges: { currentRoundTripTime }, changed: false };
}

export function interval(
  timestamp: number,
  tracks: readonly TrackInterval[],
  options: { seconds?: number; pair?: CandidatePairInterval; peerConnectionId?: string } = {},
): NormalizedInterval {
  return {
    timestamp,
    peerConnectionId: options.peerConnectionId ?? 'PC_0',
    intervalSeconds: options.seconds ?? 1,
    tracks,
    candidatePair: options.pair,
  };
}

/** 1 s of audio with the given loss and ICE RTT: good with the defaults, bad from loss > 5 % or RTT > 400 ms. */
export function callSecond(
  at: number,
  { lossPct = 0, rttMs = 40, peerConnectionId }: { lossPct?: number; rttMs?: number; peerConnectionId?: string } = {},
): ConnectivityInput {
  const lost = Math.round(lossPct);
  return intervalInput(
    interval(at, [inbound('audio', { packetsLost: lost, packetsReceived: 100 - lost }, { jitter: 0.005 })], {
      pair: selectedPair(rttMs / 1000),
      peerConnectionId,
    }),
  );
}

export const goodSecond = (at: number): ConnectivityInput => callSecond(at);
export const badSecond = (at: number): ConnectivityInput => callSecond(at, { lossPct: 10 });
/** A report that says nothing about quality (no media moved, no RTT): a sign of life only. */
export const emptySecond = (at: number): ConnectivityInput => intervalInput(interval(at, []));

export const ice = (
  at: number,
  state: 'checking' | 'connected' | 'disconnected' | 'failed' | 'closed',
  peerConnectionId = 'PC_0',
): ConnectivityInput => ({
  type: 'ice-state',
  at,
  state,
  peerConnectionId,
});
export const tick = (at: number): ConnectivityInput => ({ type: 'tick', at });
export const leave = (at: number): ConnectivityInput => ({ type: 'leave', at });
export const join = (at: number): ConnectivityInput => ({ type: 'join', at });
