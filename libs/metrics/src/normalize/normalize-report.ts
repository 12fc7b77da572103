import { counterDeltas, type CounterBaseline, type CounterDeltas } from './counter-deltas';
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
  type InboundRtpView,
  type OutboundRtpView,
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

interface PeerConnectionBaseline extends PeerConnectionTimes {
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
  if (!isNewer(report.timestamp, previous)) return { state, interval: null };

  const previousObjects = previous?.objects;
  const objects: Record<string, CounterBaseline> = {};
  const interval = intervalSince(previous, readReportViews(report), previousObjects, objects);
  const peerConnections = withPeerConnection(
    state.peerConnections,
    peerConnectionId,
    { lastTimestamp: report.timestamp, selectedCandidatePairId: interval.candidatePair?.statsId, objects },
    report.timestamp - options.forgetPeerConnectionAfterMs,
  );
  return { state: { peerConnections }, interval };
}

/** What an interval needs to know of the previous report of its peer connection. */
interface PeerConnectionTimes {
  readonly lastTimestamp: number;
  readonly selectedCandidatePairId?: string;
}

function isNewer(timestamp: number, previous: PeerConnectionTimes | undefined): boolean {
  return Number.isFinite(timestamp) && !(previous && timestamp <= previous.lastTimestamp);
}

/** An inbound-rtp or outbound-rtp view, tagged: the two are read in report order. */
type RtpViewInOrder =
  | { readonly direction: 'inbound'; readonly view: InboundRtpView }
  | { readonly direction: 'outbound'; readonly view: OutboundRtpView };

interface RemoteInboundViewMatched {
  readonly view: RemoteInboundRtpView;
  /** Index, among the report's outbound-rtp views, of the stream this one reports on (see matchOutbound). */
  readonly outboundIndex: number | undefined;
}

interface SelectedPairView {
  readonly view: CandidatePairView;
  readonly localCandidateType: string | undefined;
  readonly remoteCandidateType: string | undefined;
}

/**
 * Everything the normaliser reads from one stats report, and nothing that depends on earlier
 * reports: the typed views (their counters become the next baseline as they are), how the
 * objects link up, and the selected pair.
 */
interface ReportViews {
  readonly timestamp: number;
  readonly peerConnectionId: string;
  readonly rtp: readonly RtpViewInOrder[];
  readonly remoteInbound: readonly RemoteInboundViewMatched[];
  readonly candidatePairs: readonly CandidatePairView[];
  readonly selected: SelectedPairView | undefined;
}

/** Reads a report's views (no state: the same report always gives the same views). */
function readReportViews(report: StatsReport): ReportViews {
  // This runs for every report of every participant: plain loops, no intermediate arrays, and
  // each object is offered only to the view of its type.
  const stats = validStats(report.stats);
  const byId = new ReportObjects(stats);
  const rtp: RtpViewInOrder[] = [];
  const outbound: OutboundRtpView[] = [];
  const remoteInboundViews: RemoteInboundRtpView[] = [];
  const candidatePairs: CandidatePairView[] = [];
  for (const object of stats) {
    switch (object.type) {
      case 'inbound-rtp': {
        const view = viewInboundRtp(object, byId);
        if (view) rtp.push({ direction: 'inbound', view });
        break;
      }
      case 'outbound-rtp': {
        const view = viewOutboundRtp(object, byId);
        if (!view) break;
        rtp.push({ direction: 'outbound', view });
        outbound.push(view);
        break;
      }
      case 'remote-inbound-rtp': {
        const view = viewRemoteInboundRtp(object, byId);
        if (view) remoteInboundViews.push(view);
        break;
      }
      case 'candidate-pair': {
        const view = viewCandidatePair(object);
        if (view) candidatePairs.push(view);
        break;
      }
    }
  }
  const remoteInbound: RemoteInboundViewMatched[] = [];
  for (const view of remoteInboundViews)
    remoteInbound.push({ view, outboundIndex: matchOutbound(view, outbound, byId) });
  const selectedView = findSelectedCandidatePair(stats, byId);
  const selected = selectedView && {
    view: selectedView,
    localCandidateType: candidateType(selectedView.localCandidateId, byId),
    remoteCandidateType: candidateType(selectedView.remoteCandidateId, byId),
  };
  return {
    timestamp: report.timestamp,
    peerConnectionId: report.peerConnectionId ?? DEFAULT_PEER_CONNECTION_ID,
    rtp,
    remoteInbound,
    candidatePairs,
    selected,
  };
}

/**
 * One report's interval against the previous report of its peer connection (`previousObjects`,
 * its baselines); the report's counters become the new baselines in `objects`.
 */
function intervalSince(
  previous: PeerConnectionTimes | undefined,
  views: ReportViews,
  previousObjects: Readonly<Record<string, CounterBaseline>> | undefined,
  objects: Record<string, CounterBaseline>,
): NormalizedInterval {
  /** Deltas against the previous report; the counters become the next baseline. */
  const deltasOf = <Name extends string>(id: string, type: string, counters: Counters<Name>): CounterDeltas<Name> => {
    const deltas = counterDeltas(previousObjects?.[id], type, counters);
    objects[id] = deltas.nextBaseline;
    return deltas;
  };

  const tracks: TrackInterval[] = [];
  const outbound: OutboundTrackInterval[] = [];
  for (const entry of views.rtp) {
    if (entry.direction === 'inbound') {
      const { id, kind, ssrc, counters, gauges } = entry.view;
      const { deltas, baselineReason } = deltasOf(id, 'inbound-rtp', counters);
      tracks.push({ direction: 'inbound', statsId: id, kind, ssrc, baselineReason, deltas, gauges });
    } else {
      const { id, kind, ssrc, counters, gauges } = entry.view;
      const { deltas, baselineReason } = deltasOf(id, 'outbound-rtp', counters);
      outbound.push({ direction: 'outbound', statsId: id, kind, ssrc, baselineReason, deltas, gauges });
    }
  }
  // Tracks in the order inbound, outbound, remote-inbound; baselines in the same order as ever.
  for (const track of outbound) tracks.push(track);

  for (const { view, outboundIndex } of views.remoteInbound) {
    const { deltas, baselineReason } = deltasOf(view.id, 'remote-inbound-rtp', view.counters);
    const local = outboundIndex === undefined ? undefined : outbound[outboundIndex];
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
  const selected = views.selected;
  let selectedDeltas: CounterDeltas<CandidatePairCounter> | undefined;
  for (const pair of views.candidatePairs) {
    const pairDeltas = deltasOf(pair.id, 'candidate-pair', pair.counters);
    // The last pair of that id wins, as a later object of the same id replaces an earlier one.
    if (pair.id === selected?.view.id) selectedDeltas = pairDeltas;
  }
  const candidatePair =
    selected && selectedDeltas ? selectedPairInterval(selected, selectedDeltas, previous) : undefined;

  return {
    timestamp: views.timestamp,
    peerConnectionId: views.peerConnectionId,
    intervalSeconds: previous ? (views.timestamp - previous.lastTimestamp) / 1000 : 0,
    tracks,
    candidatePair,
  };
}

/** The report's stats objects that have an id and a type; the array itself when all have (the usual case). */
export function validStats(stats: unknown): readonly RtcStats[] {
  if (!Array.isArray(stats)) return [];
  const all = stats as readonly unknown[];
  return all.every(isRtcStats) ? all : all.filter(isRtcStats);
}

function isRtcStats(value: unknown): value is RtcStats {
  if (typeof value !== 'object' || value === null) return false;
  const candidate = value as { id?: unknown; type?: unknown };
  return typeof candidate.id === 'string' && typeof candidate.type === 'string';
}

/**
 * The index of the outbound-rtp a remote-inbound-rtp reports on: named by its `localId` (the
 * reverse link is `remoteId`); older browsers only share the SSRC.
 */
function matchOutbound(
  view: RemoteInboundRtpView,
  outbound: readonly OutboundRtpView[],
  byId: StatsById,
): number | undefined {
  const byLocalId = view.localId ? outbound.findIndex((candidate) => candidate.id === view.localId) : -1;
  if (byLocalId >= 0) return byLocalId;
  const byRemoteId = outbound.findIndex((candidate) => byId.get(candidate.id)?.remoteId === view.id);
  if (byRemoteId >= 0) return byRemoteId;
  if (view.ssrc === undefined) return undefined;
  const bySsrc = outbound.findIndex((candidate) => candidate.ssrc === view.ssrc && candidate.kind === view.kind);
  return bySsrc >= 0 ? bySsrc : undefined;
}

function selectedPairInterval(
  { view: pair, localCandidateType, remoteCandidateType }: SelectedPairView,
  { deltas, baselineReason }: CounterDeltas<CandidatePairCounter>,
  previous: PeerConnectionTimes | undefined,
): CandidatePairInterval {
  return {
    statsId: pair.id,
    baselineReason,
    deltas,
    gauges: pair.gauges,
    changed: previous !== undefined && previous.selectedCandidatePairId !== pair.id,
    localCandidateType,
    remoteCandidateType,
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
