import {
  COUNTERS_THAT_MAY_DECREASE,
  DEFAULT_NORMALIZE_OPTIONS,
  DEFAULT_PEER_CONNECTION_ID,
  forEachQualityLimitationDuration,
  INBOUND_RTP_COUNTERS as INBOUND_COUNTERS_EXPORTED,
  mediaKindOf,
  OUTBOUND_RTP_COUNTERS as OUTBOUND_COUNTERS_EXPORTED,
  QUALITY_LIMITATION_REASONS as QUALITY_LIMITATION_REASONS_EXPORTED,
  readNumber,
  readString,
  REMOTE_INBOUND_RTP_COUNTERS as REMOTE_INBOUND_COUNTERS_EXPORTED,
  ReportObjects,
  selectedCandidatePairStats,
  validStats,
  type MediaKind,
  type NormalizeOptions,
  type QualityLimitationReason,
  type RtcStats,
  type StatsReport,
} from '../normalize';
import type { IntervalSums } from './tally';

/*
 * The analyzer's way from a stats report to its interval sums, in one pass over the report's
 * objects: `normalizeReport` (the reference, which the specs pin) and `new IntervalSums(interval)`
 * give the same sums, but make a view, a counters record, a deltas record and a track interval
 * for every stats object of every report. At ten thousand members reporting each second those
 * were a third of everything the process allocated, and the garbage collector's marking steps on
 * the event loop follow the allocation rate: this reads the counters into arrays reused from
 * report to report, and keeps each object's baseline in an array overwritten in place.
 *
 * The rules are the normaliser's (docs/metrics.md "Normalisation"): deltas per stats object
 * against the previous report of the same peer connection, a first sight or a counter going
 * backwards (other than packetsLost) gives no deltas, objects missing from a report are
 * forgotten, the legacy `track` object fills in inbound counters, remote-inbound-rtp is matched
 * to the outbound stream it reports on, the selected candidate pair gives the ICE RTT. The spec
 * checks the two paths against each other on every real dump and on crafted edge cases.
 */

// Bindings of this module's own: compiled to CommonJS, an imported binding is read through a
// getter on every access, and these are read in the loops over every counter of every report.
const INBOUND_RTP_COUNTERS = INBOUND_COUNTERS_EXPORTED;
const OUTBOUND_RTP_COUNTERS = OUTBOUND_COUNTERS_EXPORTED;
const REMOTE_INBOUND_RTP_COUNTERS = REMOTE_INBOUND_COUNTERS_EXPORTED;
const QUALITY_LIMITATION_REASONS = QUALITY_LIMITATION_REASONS_EXPORTED;

/** Longest counter list: every baseline and scratch array has this many slots (NaN: absent). */
const SLOTS = Math.max(INBOUND_RTP_COUNTERS.length, OUTBOUND_RTP_COUNTERS.length, REMOTE_INBOUND_RTP_COUNTERS.length);

/** Whether the counter at each index of `names` may go down without meaning a reset. */
const mayDecrease = (names: readonly string[]): readonly boolean[] =>
  names.map((name) => COUNTERS_THAT_MAY_DECREASE.has(name));
const INBOUND_MAY_DECREASE = mayDecrease(INBOUND_RTP_COUNTERS);
const OUTBOUND_MAY_DECREASE = mayDecrease(OUTBOUND_RTP_COUNTERS);
const REMOTE_INBOUND_MAY_DECREASE = mayDecrease(REMOTE_INBOUND_RTP_COUNTERS);

const PACKETS_SENT = OUTBOUND_RTP_COUNTERS.indexOf('packetsSent');
/** The quality-limitation counters come last in OUTBOUND_RTP_COUNTERS, one per reason. */
const FIRST_QUALITY_LIMITATION = OUTBOUND_RTP_COUNTERS.indexOf('qualityLimitationDurations.none');

/** Arrays of doubles (never a non-number in them, so V8 keeps them unboxed). */
const nanArray = (length = SLOTS): number[] => Array.from({ length }, () => NaN);

/**
 * One stats object's counters as the last report left them, and as the report before it did:
 * both in one array (two objects, not four, for each of the ten or so objects of every member),
 * `valuesAt` saying which half is the last report's.
 */
class CounterBaseline {
  readonly slots = nanArray(2 * SLOTS);
  valuesAt = 0;
  /** While a report is read: the type before it wrote the baseline (an id twice in one report). */
  previousType = '';
  hasPrevious = false;

  get previousAt(): number {
    return SLOTS - this.valuesAt;
  }

  constructor(
    public type: string,
    /** The report that last wrote it: an object missing from a report is forgotten after it. */
    public writtenBy: number,
  ) {}
}

class PeerConnectionBaselines {
  lastTimestamp = -Infinity;
  readonly objects = new Map<string, CounterBaseline>();
}

/** The report's outbound streams, for matching remote-inbound-rtp to them; reused report to report. */
class OutboundStreams {
  count = 0;
  readonly ids: string[] = [];
  readonly kinds: MediaKind[] = [];
  readonly ssrcs: number[] = [];
  readonly packetsSent: number[] = [];

  add(id: string, kind: MediaKind, ssrc: number | undefined, packetsSent: number): void {
    const index = this.count++;
    this.ids[index] = id;
    this.kinds[index] = kind;
    this.ssrcs[index] = ssrc ?? NaN;
    this.packetsSent[index] = packetsSent;
  }
}

// Scratch space for one stats object at a time (the reader never runs re-entrantly).
const current = nanArray();
const deltas = nanArray();
const outbound = new OutboundStreams();

/** One participant's stats reports into interval sums, with the normaliser's rules (see above). */
export class IntervalSumsReader {
  private readonly peerConnections = new Map<string, PeerConnectionBaselines>();
  private reports = 0;

  constructor(private readonly options: NormalizeOptions = DEFAULT_NORMALIZE_OPTIONS) {}

  get peerConnectionCount(): number {
    return this.peerConnections.size;
  }

  /**
   * Fills `into` with the report's interval; false (and `into` untouched) when the report is not
   * newer than the previous one of its peer connection (a duplicate, or out of order).
   */
  read(report: StatsReport, into: IntervalSums): boolean {
    const timestamp = report.timestamp;
    const peerConnectionId = report.peerConnectionId ?? DEFAULT_PEER_CONNECTION_ID;
    const previous = this.peerConnections.get(peerConnectionId);
    if (!Number.isFinite(timestamp) || (previous && timestamp <= previous.lastTimestamp)) return false;
    const connection = previous ?? new PeerConnectionBaselines();
    if (!previous) this.peerConnections.set(peerConnectionId, connection);
    const reportNumber = (this.reports += 1);

    into.begin(timestamp, peerConnectionId, previous ? (timestamp - previous.lastTimestamp) / 1000 : 0);
    const stats = validStats(report.stats);
    const byId = new ReportObjects(stats);
    addStreams(stats, byId, connection, reportNumber, into);
    const pair = selectedCandidatePairStats(stats, byId);
    const iceRtt = readNumber(pair, 'currentRoundTripTime');
    if (iceRtt !== undefined) into.addIceRtt(iceRtt);

    // forEach rather than for…of over entries: no [key, value] array per entry and report.
    connection.objects.forEach((baseline, id, all) => {
      if (baseline.writtenBy !== reportNumber) all.delete(id);
    });
    connection.lastTimestamp = timestamp;
    const forgetBefore = timestamp - this.options.forgetPeerConnectionAfterMs;
    this.peerConnections.forEach((kept, id, all) => {
      if (kept.lastTimestamp < forgetBefore) all.delete(id);
    });
    return true;
  }
}

/** The report's RTP streams into `into`: deltas against `connection`'s baselines, which they replace. */
function addStreams(
  stats: readonly RtcStats[],
  byId: ReportObjects,
  connection: PeerConnectionBaselines,
  report: number,
  into: IntervalSums,
): void {
  outbound.count = 0;
  // Inbound and outbound first, so that a remote-inbound-rtp finds the outbound stream it reports on.
  for (const object of stats) {
    const type = object.type;
    if (type !== 'inbound-rtp' && type !== 'outbound-rtp') continue;
    const kind = mediaKindOf(object, byId);
    if (!kind) continue;
    if (type === 'inbound-rtp') {
      readInboundCounters(object, byId);
      takeDeltas(connection, object.id, type, INBOUND_MAY_DECREASE, report);
      into.addInbound(kind, deltas, readNumber(object, 'jitter'));
    } else {
      readCounters(object, OUTBOUND_RTP_COUNTERS, FIRST_QUALITY_LIMITATION);
      readQualityLimitationDurations(object);
      takeDeltas(connection, object.id, type, OUTBOUND_MAY_DECREASE, report);
      outbound.add(object.id, kind, readNumber(object, 'ssrc'), deltas[PACKETS_SENT]);
      into.addOutbound(kind, deltas);
    }
  }
  for (const object of stats) {
    if (object.type !== 'remote-inbound-rtp') continue;
    const kind = mediaKindOf(object, byId);
    if (!kind) continue;
    readCounters(object, REMOTE_INBOUND_RTP_COUNTERS, REMOTE_INBOUND_RTP_COUNTERS.length);
    takeDeltas(connection, object.id, object.type, REMOTE_INBOUND_MAY_DECREASE, report);
    const local = matchOutbound(object, kind, byId);
    into.addRemoteInbound(
      kind,
      deltas,
      local === undefined ? NaN : outbound.packetsSent[local],
      readNumber(object, 'roundTripTime'),
      readNumber(object, 'jitter'),
    );
  }
}

/** The first `count` counters of `names` into `current`. */
function readCounters(stats: RtcStats, names: readonly string[], count: number): void {
  for (let index = 0; index < count; index++) current[index] = readNumber(stats, names[index]) ?? NaN;
}

/** Chrome < M110 and Safari kept the receive counters on the deprecated `track` object. */
function readInboundCounters(stats: RtcStats, byId: ReportObjects): void {
  const trackId = readString(stats, 'trackId');
  const legacyTrack = trackId ? byId.get(trackId) : undefined;
  const fallback = legacyTrack?.type === 'track' ? legacyTrack : undefined;
  for (let index = 0; index < INBOUND_RTP_COUNTERS.length; index++) {
    const name = INBOUND_RTP_COUNTERS[index];
    current[index] = readNumber(stats, name) ?? readNumber(fallback, name) ?? NaN;
  }
}

/** `qualityLimitationDurations` into the outbound counters, one per reason. */
function readQualityLimitationDurations(stats: RtcStats): void {
  for (let offset = 0; offset < QUALITY_LIMITATION_REASONS.length; offset++) {
    current[FIRST_QUALITY_LIMITATION + offset] = NaN;
  }
  forEachQualityLimitationDuration(stats, addQualityLimitationSeconds);
}

/** A module function, not a closure per report: `current` is module scratch. */
function addQualityLimitationSeconds(reason: QualityLimitationReason, seconds: number): void {
  const index = FIRST_QUALITY_LIMITATION + QUALITY_LIMITATION_REASONS.indexOf(reason);
  current[index] = (Number.isNaN(current[index]) ? 0 : current[index]) + seconds;
}

/**
 * `current` against the baseline of `id` into `deltas` (NaN where there is none), then `current`
 * becomes the baseline. An id met twice in one report compares both objects with the previous
 * report's values, as the normaliser does.
 */
function takeDeltas(
  connection: PeerConnectionBaselines,
  id: string,
  type: string,
  counterMayDecrease: readonly boolean[],
  report: number,
): void {
  const count = counterMayDecrease.length;
  for (let index = 0; index < SLOTS; index++) deltas[index] = NaN;
  let baseline = connection.objects.get(id);
  const againInThisReport = baseline?.writtenBy === report;
  const hasPrevious = baseline !== undefined && (!againInThisReport || baseline.hasPrevious);
  if (baseline && hasPrevious) {
    const previousType = againInThisReport ? baseline.previousType : baseline.type;
    const previousAt = againInThisReport ? baseline.previousAt : baseline.valuesAt;
    if (previousType === type) deltasAgainst(baseline.slots, previousAt, counterMayDecrease, count);
  }

  if (!baseline) {
    baseline = new CounterBaseline(type, report);
    connection.objects.set(id, baseline);
  } else if (!againInThisReport) {
    // The last report's values become the previous ones; the other half takes this report's.
    baseline.valuesAt = baseline.previousAt;
    baseline.previousType = baseline.type;
    baseline.hasPrevious = true;
    baseline.writtenBy = report;
  }
  baseline.type = type;
  const { slots, valuesAt } = baseline;
  for (let index = 0; index < SLOTS; index++) slots[valuesAt + index] = index < count ? current[index] : NaN;
}

/** Deltas of the counters present in both; none at all when one went backwards (a reset). */
function deltasAgainst(
  slots: readonly number[],
  previousAt: number,
  counterMayDecrease: readonly boolean[],
  count: number,
): void {
  for (let index = 0; index < count; index++) {
    const now = current[index];
    const before = slots[previousAt + index];
    if (Number.isNaN(now) || Number.isNaN(before)) continue;
    if (now >= before) deltas[index] = now - before;
    else if (counterMayDecrease[index]) deltas[index] = 0;
    else {
      for (let reset = 0; reset < count; reset++) deltas[reset] = NaN;
      return;
    }
  }
}

/**
 * The index among this report's outbound streams of the one a remote-inbound-rtp reports on:
 * named by its `localId` (the reverse link is `remoteId`); older browsers only share the SSRC.
 */
function matchOutbound(remote: RtcStats, kind: MediaKind, byId: ReportObjects): number | undefined {
  const localId = readString(remote, 'localId');
  if (localId) {
    for (let index = 0; index < outbound.count; index++) if (outbound.ids[index] === localId) return index;
  }
  for (let index = 0; index < outbound.count; index++) {
    if (byId.get(outbound.ids[index])?.remoteId === remote.id) return index;
  }
  const ssrc = readNumber(remote, 'ssrc');
  if (ssrc === undefined) return undefined;
  for (let index = 0; index < outbound.count; index++) {
    if (outbound.ssrcs[index] === ssrc && outbound.kinds[index] === kind) return index;
  }
  return undefined;
}
