import { deltasSinceBaseline, type CounterBaseline, type DeltasSinceBaseline } from './counter-deltas';
import type {
  CandidatePairInterval,
  NormalizedInterval,
  OutboundTrackInterval,
  TrackInterval,
} from './normalized-interval';
import type { RtcStats, StatsReport } from './rtc-stats';
import { candidateType, findSelectedCandidatePair } from './selected-candidate-pair';
import {
  ReportObjects,
  viewCandidatePair,
  viewInboundRtp,
  viewOutboundRtp,
  viewRemoteInboundRtp,
  type CandidatePairCounter,
  type CandidatePairView,
  type Counters,
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

  // This runs for every report of every participant: plain loops, no intermediate arrays, and
  // each object is offered only to the view of its type.
  const stats = validStats(report.stats);
  const byId = new ReportObjects(stats);
  const previousObjects = previous?.objects;
  const objects: Record<string, CounterBaseline> = {};
  /** Deltas against the previous report; the view's fresh counters become the next baseline as they are. */
  const deltasOf = <Name extends string>(
    id: string,
    type: string,
    counters: Counters<Name>,
  ): DeltasSinceBaseline<Name> => {
    // The views store only finite numbers in `counters` and never touch them again.
    objects[id] = { type, values: counters as Readonly<Record<string, number>> };
    return deltasSinceBaseline(previousObjects?.[id], type, counters);
  };

  const tracks: TrackInterval[] = [];
  const outbound: OutboundTrackInterval[] = [];
  const remoteInboundViews: RemoteInboundRtpView[] = [];
  const pairViews: CandidatePairView[] = [];
  for (const object of stats) {
    switch (object.type) {
      case 'inbound-rtp': {
        const view = viewInboundRtp(object, byId);
        if (!view) break;
        const { deltas, baselineReason } = deltasOf(object.id, object.type, view.counters);
        const { id, kind, ssrc, gauges } = view;
        tracks.push({ direction: 'inbound', statsId: id, kind, ssrc, baselineReason, deltas, gauges });
        break;
      }
      case 'outbound-rtp': {
        const view = viewOutboundRtp(object, byId);
        if (!view) break;
        const { deltas, baselineReason } = deltasOf(object.id, object.type, view.counters);
        const { id, kind, ssrc, gauges } = view;
        outbound.push({ direction: 'outbound', statsId: id, kind, ssrc, baselineReason, deltas, gauges });
        break;
      }
      case 'remote-inbound-rtp': {
        const view = viewRemoteInboundRtp(object, byId);
        if (view) remoteInboundViews.push(view);
        break;
      }
      case 'candidate-pair': {
        const view = viewCandidatePair(object);
        if (view) pairViews.push(view);
        break;
      }
    }
  }
  // Tracks in the order inbound, outbound, remote-inbound; baselines in the same order as ever.
  for (const track of outbound) tracks.push(track);

  for (const view of remoteInboundViews) {
    const { deltas, baselineReason } = deltasOf(view.id, 'remote-inbound-rtp', view.counters);
    const local = matchOutbound(view, outbound, byId);
    tracks.push({
      direction: 'remote-inbound',
      statsId: view.id,
      kind: view.kind,
      ssrc: view.ssrc,
      baselineReason,
      deltas,
      gauges: view.gauges,
      localStatsId: local?.statsId,
      localPacketsSent: local?.deltas.packetsSent,
    });
  }

  // Every pair keeps a baseline, so a switch to a pair that already existed still has deltas.
  const selected = findSelectedCandidatePair(stats, byId);
  let selectedDeltas: DeltasSinceBaseline<CandidatePairCounter> | undefined;
  for (const pair of pairViews) {
    const pairDeltas = deltasOf(pair.id, 'candidate-pair', pair.counters);
    // The last pair of that id wins, as a later object of the same id replaces an earlier one.
    if (pair.id === selected?.id) selectedDeltas = pairDeltas;
  }
  const candidatePair =
    selected && selectedDeltas ? selectedPairInterval(selected, selectedDeltas, byId, previous) : undefined;

  const interval: NormalizedInterval = {
    timestamp: report.timestamp,
    peerConnectionId,
    intervalSeconds: previous ? (report.timestamp - previous.lastTimestamp) / 1000 : 0,
    tracks,
    candidatePair,
  };
  const peerConnections = withPeerConnection(
    state.peerConnections,
    peerConnectionId,
    { lastTimestamp: report.timestamp, selectedCandidatePairId: candidatePair?.statsId, objects },
    report.timestamp - options.forgetPeerConnectionAfterMs,
  );
  return { state: { peerConnections }, interval };
}

/** The report's stats objects that have an id and a type; the array itself when all have (the usual case). */
function validStats(stats: unknown): readonly RtcStats[] {
  if (!Array.isArray(stats)) return [];
  const all = stats as readonly unknown[];
  return all.every(isRtcStats) ? all : all.filter(isRtcStats);
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
  pair: CandidatePairView,
  { deltas, baselineReason }: DeltasSinceBaseline<CandidatePairCounter>,
  byId: StatsById,
  previous: PeerConnectionBaseline | undefined,
): CandidatePairInterval {
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

/**
 * The peer connections with `updated` set for `peerConnectionId` (in its place, or last when new),
 * minus those idle since before `forgetBefore`. One loop instead of spread, entries, filter and
 * fromEntries: this runs for every report.
 */
function withPeerConnection(
  peerConnections: Readonly<Record<string, PeerConnectionBaseline>>,
  peerConnectionId: string,
  updated: PeerConnectionBaseline,
  forgetBefore: number,
): Readonly<Record<string, PeerConnectionBaseline>> {
  const kept: Record<string, PeerConnectionBaseline> = {};
  let placed = false;
  for (const id of Object.keys(peerConnections)) {
    const baseline = id === peerConnectionId ? updated : peerConnections[id];
    placed ||= id === peerConnectionId;
    if (baseline.lastTimestamp >= forgetBefore) kept[id] = baseline;
  }
  if (!placed && updated.lastTimestamp >= forgetBefore) kept[peerConnectionId] = updated;
  return kept;
}
