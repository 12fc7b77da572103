import { counterDeltas, type CounterBaseline, type CounterDeltas } from './counter-deltas';
import type {
  CandidatePairInterval,
  InboundTrackInterval,
  NormalizedInterval,
  OutboundTrackInterval,
  RemoteInboundTrackInterval,
  TrackInterval,
} from './normalized-interval';
import type { RtcStats, StatsReport } from './rtc-stats';
import { candidateType, findSelectedCandidatePair } from './selected-candidate-pair';
import {
  viewCandidatePair,
  viewInboundRtp,
  viewOutboundRtp,
  viewRemoteInboundRtp,
  type CandidatePairCounter,
  type RemoteInboundRtpView,
  type StatsById,
} from './stats-views';

export const DEFAULT_PEER_CONNECTION_ID = 'default';

export interface NormalizeOptions {
  /**
   * A peer connection that has sent no report for this long (in event time, measured against the
   * newest report of the participant) is forgotten, so closed connections do not pile up.
   */
  readonly forgetPeerConnectionAfterMs: number;
}

export const DEFAULT_NORMALIZE_OPTIONS: NormalizeOptions = { forgetPeerConnectionAfterMs: 60_000 };

interface PeerConnectionBaseline {
  readonly lastTimestamp: number;
  readonly selectedCandidatePairId?: string;
  /** Only objects present in the last report: one that disappears is forgotten. */
  readonly objects: Readonly<Record<string, CounterBaseline>>;
}

/** Everything the normaliser remembers about one participant: bounded by the size of the last reports. */
export interface NormalizerState {
  readonly peerConnections: Readonly<Record<string, PeerConnectionBaseline>>;
}

export const INITIAL_NORMALIZER_STATE: NormalizerState = { peerConnections: {} };

export interface NormalizeStep {
  readonly state: NormalizerState;
  /** null when the report was not newer than the previous one of its peer connection (duplicate or out of order). */
  readonly interval: NormalizedInterval | null;
}

/** Pure reducer over the successive stats reports of one participant. */
export function normalizeReport(
  state: NormalizerState,
  report: StatsReport,
  options: NormalizeOptions = DEFAULT_NORMALIZE_OPTIONS,
): NormalizeStep {
  const peerConnectionId = report.peerConnectionId ?? DEFAULT_PEER_CONNECTION_ID;
  const previous = state.peerConnections[peerConnectionId];
  if (!Number.isFinite(report.timestamp) || (previous && report.timestamp <= previous.lastTimestamp)) {
    return { state, interval: null };
  }

  const stats = (Array.isArray(report.stats) ? report.stats : []).filter(isRtcStats);
  const byId: StatsById = new Map(stats.map((object) => [object.id, object]));
  const objects: Record<string, CounterBaseline> = {};
  const deltasOf = <Name extends string>(
    id: string,
    type: string,
    counters: Partial<Record<Name, number>>,
  ): CounterDeltas<Name> => {
    const result = counterDeltas(previous?.objects[id], type, counters);
    objects[id] = result.nextBaseline;
    return result;
  };

  const inbound: InboundTrackInterval[] = [];
  const outbound: OutboundTrackInterval[] = [];
  const remoteInboundViews: RemoteInboundRtpView[] = [];
  for (const object of stats) {
    const inboundView = viewInboundRtp(object, byId);
    if (inboundView) {
      const { deltas, baselineReason } = deltasOf(object.id, object.type, inboundView.counters);
      const { id, kind, ssrc, gauges } = inboundView;
      inbound.push({ direction: 'inbound', statsId: id, kind, ssrc, baselineReason, deltas, gauges });
      continue;
    }
    const outboundView = viewOutboundRtp(object, byId);
    if (outboundView) {
      const { deltas, baselineReason } = deltasOf(object.id, object.type, outboundView.counters);
      const { id, kind, ssrc, gauges } = outboundView;
      outbound.push({ direction: 'outbound', statsId: id, kind, ssrc, baselineReason, deltas, gauges });
      continue;
    }
    const remoteInboundView = viewRemoteInboundRtp(object, byId);
    if (remoteInboundView) remoteInboundViews.push(remoteInboundView);
  }

  const remoteInbound = remoteInboundViews.map((view): RemoteInboundTrackInterval => {
    const { deltas, baselineReason } = deltasOf(view.id, 'remote-inbound-rtp', view.counters);
    const local = matchOutbound(view, outbound, byId);
    return {
      direction: 'remote-inbound',
      statsId: view.id,
      kind: view.kind,
      ssrc: view.ssrc,
      baselineReason,
      deltas,
      gauges: view.gauges,
      localStatsId: local?.statsId,
      localPacketsSent: local?.deltas.packetsSent,
    };
  });

  // Every pair keeps a baseline, so a switch to a pair that already existed still has deltas.
  const pairDeltas = new Map<string, CounterDeltas<CandidatePairCounter>>();
  for (const object of stats) {
    const pair = viewCandidatePair(object);
    if (pair) pairDeltas.set(pair.id, deltasOf(pair.id, object.type, pair.counters));
  }
  const candidatePair = selectedPairInterval(stats, byId, previous, pairDeltas);

  const tracks: TrackInterval[] = [...inbound, ...outbound, ...remoteInbound];
  const interval: NormalizedInterval = {
    timestamp: report.timestamp,
    peerConnectionId,
    intervalSeconds: previous ? (report.timestamp - previous.lastTimestamp) / 1000 : 0,
    tracks,
    candidatePair,
  };
  const peerConnections = forgetIdlePeerConnections(
    {
      ...state.peerConnections,
      [peerConnectionId]: { lastTimestamp: report.timestamp, selectedCandidatePairId: candidatePair?.statsId, objects },
    },
    report.timestamp - options.forgetPeerConnectionAfterMs,
  );
  return { state: { peerConnections }, interval };
}

function isRtcStats(value: unknown): value is RtcStats {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { id?: unknown; type?: unknown };
  return typeof candidate.id === 'string' && typeof candidate.type === 'string';
}

/** remote-inbound-rtp names its outbound-rtp by `localId` (the reverse link is `remoteId`); older browsers only share the SSRC. */
function matchOutbound(
  view: RemoteInboundRtpView,
  outbound: readonly OutboundTrackInterval[],
  byId: StatsById,
): OutboundTrackInterval | undefined {
  const byLocalId = view.localId ? outbound.find((track) => track.statsId === view.localId) : undefined;
  if (byLocalId) return byLocalId;
  const byRemoteId = outbound.find((track) => byId.get(track.statsId)?.remoteId === view.id);
  if (byRemoteId) return byRemoteId;
  return view.ssrc === undefined
    ? undefined
    : outbound.find((track) => track.ssrc === view.ssrc && track.kind === view.kind);
}

function selectedPairInterval(
  stats: readonly RtcStats[],
  byId: StatsById,
  previous: PeerConnectionBaseline | undefined,
  pairDeltas: ReadonlyMap<string, CounterDeltas<CandidatePairCounter>>,
): CandidatePairInterval | undefined {
  const pair = findSelectedCandidatePair(stats, byId);
  const pairDelta = pair ? pairDeltas.get(pair.id) : undefined;
  if (!pair || !pairDelta) return undefined;
  const { deltas, baselineReason } = pairDelta;
  return {
    statsId: pair.id,
    baselineReason,
    deltas,
    gauges: pair.gauges,
    changed: previous !== undefined && previous.selectedCandidatePairId !== pair.id,
    localCandidateType: candidateType(pair.localCandidateId, byId),
    remoteCandidateType: candidateType(pair.remoteCandidateId, byId),
  };
}

function forgetIdlePeerConnections(
  peerConnections: Readonly<Record<string, PeerConnectionBaseline>>,
  forgetBefore: number,
): Readonly<Record<string, PeerConnectionBaseline>> {
  return Object.fromEntries(
    Object.entries(peerConnections).filter(([, baseline]) => baseline.lastTimestamp >= forgetBefore),
  );
}
