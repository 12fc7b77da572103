import type { NormalizedInterval } from '../normalize/normalized-interval';
import type { MediaKind } from '../normalize/rtc-stats';
import {
  INBOUND_RTP_COUNTERS,
  OUTBOUND_RTP_COUNTERS,
  QUALITY_LIMITATION_REASONS,
  REMOTE_INBOUND_RTP_COUNTERS,
  type Counters,
  type QualityLimitationReason,
} from '../normalize/stats-views';

/*
 * A tally is the additive summary of any number of intervals: sums of deltas and of gauge samples,
 * never the samples themselves, so a window and a whole session take the same constant memory and
 * two tallies merge by adding. Every ratio (loss %, concealment %, bitrate…) is computed from a
 * tally at the end, which makes a window's loss Σlost / Σ(lost + received), not a mean of ratios.
 *
 * Its numbers live in one array of doubles, laid out below. Each participant keeps four or five
 * tallies (open windows, the session, each peer connection): as objects with a nested object per
 * group they were a good part of the objects a participant's state holds, and every write of a
 * timestamp into a field that may be undefined allocated a new boxed number. Readers see the same
 * named fields as ever. Each stats report also becomes a one-interval tally as it arrives
 * (`IntervalSums`), which is what waits for the watermark instead of the report.
 */

export interface PacketTally {
  readonly lost: number;
  readonly received: number;
}

/** Sum, count and max of a gauge's samples (ms). */
export interface GaugeTally {
  readonly sum: number;
  readonly count: number;
  readonly max?: number;
}

export interface FrameTally {
  readonly frames: number;
  /** Seconds during which the stream was active (it moved packets), summed over streams. */
  readonly streamSeconds: number;
}

// --- layout: where each sum sits in the array; an absent optional value is NaN ----------------------

let fieldCount = 0;
/** The index of the next `size` numbers of the layout. */
const field = (size = 1): number => {
  const index = fieldCount;
  fieldCount += size;
  return index;
};
const INTERVALS = field();
const FIRST_TIMESTAMP = field();
const LAST_TIMESTAMP = field();
const COVERED_SECONDS = field();
const COVERED_UNTIL = field();
/** Packet groups: lost, then received. */
const INBOUND_PACKETS = field(2);
const INBOUND_AUDIO_PACKETS = field(2);
const OUTBOUND_PACKETS = field(2);
const BYTES_RECEIVED = field();
const BYTES_SENT = field();
const JITTER_BUFFER_DELAY_SECONDS = field();
const JITTER_BUFFER_EMITTED_COUNT = field();
const CONCEALED_SAMPLES = field();
const TOTAL_SAMPLES_RECEIVED = field();
/** Frame groups: frames, then stream seconds. */
const INBOUND_VIDEO_FRAMES = field(2);
const OUTBOUND_VIDEO_FRAMES = field(2);
const FREEZE_COUNT = field();
const FREEZE_SECONDS = field();
/** One per reason, in the order of QUALITY_LIMITATION_REASONS. */
const QUALITY_LIMITATION_SECONDS = field(QUALITY_LIMITATION_REASONS.length);
/** Gauge groups: sum, count, then max. */
const ICE_RTT_MS = field(3);
const RTCP_RTT_MS = field(3);
const AUDIO_JITTER_MS = field(3);
const REMOTE_AUDIO_JITTER_MS = field(3);
const FIELDS = fieldCount;

/** Fields that are absent (not zero) until a first value: NaN in the array. */
const OPTIONAL_FIELDS = [
  FIRST_TIMESTAMP,
  LAST_TIMESTAMP,
  COVERED_UNTIL,
  ICE_RTT_MS + 2,
  RTCP_RTT_MS + 2,
  AUDIO_JITTER_MS + 2,
  REMOTE_AUDIO_JITTER_MS + 2,
];
/** Sums that merge by min or max rather than by adding. */
const MERGED_BY_MIN = [FIRST_TIMESTAMP];
const MERGED_BY_MAX = [
  LAST_TIMESTAMP,
  COVERED_UNTIL,
  ICE_RTT_MS + 2,
  RTCP_RTT_MS + 2,
  AUDIO_JITTER_MS + 2,
  REMOTE_AUDIO_JITTER_MS + 2,
];
/** Every other field merges by adding. */
const ADDED = Array.from({ length: FIELDS }, (_, index) => index).filter(
  (index) => !MERGED_BY_MIN.includes(index) && !MERGED_BY_MAX.includes(index),
);

/**
 * A plain array of doubles rather than a Float64Array: V8 keeps its numbers unboxed all the same,
 * in the heap, where a Float64Array of this size has them in a block of its own outside the heap
 * (allocated, tracked and freed apart) for each of the ten thousand `IntervalSums` a second live.
 */
const EMPTY_SUMS: number[] = Array.from({ length: FIELDS }, () => 0);
for (const index of OPTIONAL_FIELDS) EMPTY_SUMS[index] = NaN;

const optional = (value: number): number | undefined => (Number.isNaN(value) ? undefined : value);

/** A tally to read: what a closed window or a session holds. */
export class ConnectivityTally {
  protected readonly sums: number[];

  /** A copy of `from`, or an empty tally. */
  constructor(from?: ConnectivityTally) {
    this.sums = (from?.sums ?? EMPTY_SUMS).slice();
  }

  get intervals(): number {
    return this.sums[INTERVALS];
  }
  get firstTimestamp(): number | undefined {
    return optional(this.sums[FIRST_TIMESTAMP]);
  }
  get lastTimestamp(): number | undefined {
    return optional(this.sums[LAST_TIMESTAMP]);
  }
  /** Length of the union of the intervals' spans: the time the bitrates are averaged over. */
  get coveredSeconds(): number {
    return this.sums[COVERED_SECONDS];
  }
  get coveredUntil(): number | undefined {
    return optional(this.sums[COVERED_UNTIL]);
  }
  /** All inbound RTP streams. */
  get inboundPackets(): PacketTally {
    return this.packets(INBOUND_PACKETS);
  }
  get inboundAudioPackets(): PacketTally {
    return this.packets(INBOUND_AUDIO_PACKETS);
  }
  /** Our outbound streams, as the far end reports them (remote-inbound-rtp). */
  get outboundPackets(): PacketTally {
    return this.packets(OUTBOUND_PACKETS);
  }
  get bytesReceived(): number {
    return this.sums[BYTES_RECEIVED];
  }
  get bytesSent(): number {
    return this.sums[BYTES_SENT];
  }
  get jitterBufferDelaySeconds(): number {
    return this.sums[JITTER_BUFFER_DELAY_SECONDS];
  }
  get jitterBufferEmittedCount(): number {
    return this.sums[JITTER_BUFFER_EMITTED_COUNT];
  }
  get concealedSamples(): number {
    return this.sums[CONCEALED_SAMPLES];
  }
  get totalSamplesReceived(): number {
    return this.sums[TOTAL_SAMPLES_RECEIVED];
  }
  get inboundVideoFrames(): FrameTally {
    return this.frames(INBOUND_VIDEO_FRAMES);
  }
  get outboundVideoFrames(): FrameTally {
    return this.frames(OUTBOUND_VIDEO_FRAMES);
  }
  get freezeCount(): number {
    return this.sums[FREEZE_COUNT];
  }
  get freezeSeconds(): number {
    return this.sums[FREEZE_SECONDS];
  }
  get qualityLimitationSeconds(): Readonly<Record<QualityLimitationReason, number>> {
    const seconds = { none: 0, cpu: 0, bandwidth: 0, other: 0 };
    QUALITY_LIMITATION_REASONS.forEach((reason, offset) => {
      seconds[reason] = this.sums[QUALITY_LIMITATION_SECONDS + offset];
    });
    return seconds;
  }
  /** Selected candidate pair currentRoundTripTime, one sample per interval. */
  get iceRttMs(): GaugeTally {
    return this.gauge(ICE_RTT_MS);
  }
  /** remote-inbound-rtp RTT: every RTCP measurement when the browser counts them, else one sample per report. */
  get rtcpRttMs(): GaugeTally {
    return this.gauge(RTCP_RTT_MS);
  }
  /** Inbound audio jitter, one sample per active stream per interval. */
  get audioJitterMs(): GaugeTally {
    return this.gauge(AUDIO_JITTER_MS);
  }
  /** Jitter the far end measures on our audio (remote-inbound-rtp). */
  get remoteAudioJitterMs(): GaugeTally {
    return this.gauge(REMOTE_AUDIO_JITTER_MS);
  }

  /** Sum of this tally and `other` (windows into a session, 10 s windows into 60 s ones). */
  plus(other: ConnectivityTally): ConnectivityTally {
    const sum = new ConnectivityTally(this);
    sum.addSumsOf(other);
    return sum;
  }

  /** Adds `other`'s sums to this tally's, taking min or max where a field merges that way. */
  protected addSumsOf(other: ConnectivityTally): void {
    const into = this.sums;
    const from = other.sums;
    for (const index of MERGED_BY_MIN) into[index] = mergeOptional(into[index], from[index], Math.min);
    for (const index of MERGED_BY_MAX) into[index] = mergeOptional(into[index], from[index], Math.max);
    for (const index of ADDED) into[index] += from[index];
  }

  private packets(at: number): PacketTally {
    return { lost: this.sums[at], received: this.sums[at + 1] };
  }

  private frames(at: number): FrameTally {
    return { frames: this.sums[at], streamSeconds: this.sums[at + 1] };
  }

  private gauge(at: number): GaugeTally {
    return { sum: this.sums[at], count: this.sums[at + 1], max: optional(this.sums[at + 2]) };
  }
}

/**
 * One stats interval reduced to what a tally needs of it: its time, its peer connection and its
 * sums. The analyzer fills one as the report arrives and holds only this until event time reaches
 * the report (holding the reports themselves for those seconds was half of everything the garbage
 * collector promoted), then reuses it for a later report (`StatsReader`).
 *
 * Built from a normalised interval (the pure path), or filled straight from a report's counters
 * by `IntervalSumsReader` through `begin` and the `add…` methods, which hold every rule of how
 * an interval adds up. Their deltas come as arrays in the order of the stats views' counter
 * lists (`INBOUND_RTP_COUNTERS`…), NaN where a counter has no delta this interval.
 */
export class IntervalSums extends ConnectivityTally {
  timestamp = NaN;
  peerConnectionId = '';
  intervalSeconds = 0;

  /** The sums of `interval`; empty (to be filled with `begin`) without one. */
  constructor(interval?: NormalizedInterval) {
    super();
    if (interval) this.addNormalized(interval);
  }

  /** Empties the sums and starts the interval that ends at `timestamp`. */
  begin(timestamp: number, peerConnectionId: string, intervalSeconds: number): void {
    const sums = this.sums;
    for (let index = 0; index < FIELDS; index++) sums[index] = EMPTY_SUMS[index];
    this.timestamp = timestamp;
    this.peerConnectionId = peerConnectionId;
    this.intervalSeconds = intervalSeconds;
    sums[INTERVALS] = 1;
    addCoverage(sums, timestamp, intervalSeconds);
  }

  /** An inbound-rtp stream: `deltas` in the order of INBOUND_RTP_COUNTERS; `jitterSeconds` its gauge. */
  addInbound(kind: MediaKind, deltas: ArrayLike<number>, jitterSeconds: number | undefined): void {
    const sums = this.sums;
    const packetsLost = deltas[IN.packetsLost];
    const packetsReceived = deltas[IN.packetsReceived];
    if (known(packetsLost) && known(packetsReceived)) {
      addPackets(sums, INBOUND_PACKETS, packetsLost, packetsReceived);
      if (kind === 'audio') addPackets(sums, INBOUND_AUDIO_PACKETS, packetsLost, packetsReceived);
    }
    sums[BYTES_RECEIVED] += orZero(deltas[IN.bytesReceived]);
    // A stream that moved no packets (paused by the SFU, muted sender) has a stale jitter and no frame rate.
    const active = packetsReceived > 0;
    if (kind === 'audio') {
      const jitterBufferDelay = deltas[IN.jitterBufferDelay];
      const jitterBufferEmittedCount = deltas[IN.jitterBufferEmittedCount];
      if (known(jitterBufferDelay) && known(jitterBufferEmittedCount)) {
        sums[JITTER_BUFFER_DELAY_SECONDS] += jitterBufferDelay;
        sums[JITTER_BUFFER_EMITTED_COUNT] += jitterBufferEmittedCount;
      }
      const concealedSamples = deltas[IN.concealedSamples];
      const totalSamplesReceived = deltas[IN.totalSamplesReceived];
      if (known(concealedSamples) && known(totalSamplesReceived)) {
        sums[CONCEALED_SAMPLES] += concealedSamples;
        sums[TOTAL_SAMPLES_RECEIVED] += totalSamplesReceived;
      }
      if (active && jitterSeconds !== undefined) addSample(sums, AUDIO_JITTER_MS, jitterSeconds * 1000);
      return;
    }
    const framesDecoded = deltas[IN.framesDecoded];
    if (active && known(framesDecoded)) addFrames(sums, INBOUND_VIDEO_FRAMES, framesDecoded, this.intervalSeconds);
    sums[FREEZE_COUNT] += orZero(deltas[IN.freezeCount]);
    sums[FREEZE_SECONDS] += orZero(deltas[IN.totalFreezesDuration]);
  }

  /** An outbound-rtp stream (a simulcast layer): `deltas` in the order of OUTBOUND_RTP_COUNTERS. */
  addOutbound(kind: MediaKind, deltas: ArrayLike<number>): void {
    const sums = this.sums;
    sums[BYTES_SENT] += orZero(deltas[OUT.bytesSent]);
    if (kind !== 'video') return;
    const framesEncoded = deltas[OUT.framesEncoded];
    if (deltas[OUT.packetsSent] > 0 && known(framesEncoded)) {
      addFrames(sums, OUTBOUND_VIDEO_FRAMES, framesEncoded, this.intervalSeconds);
    }
    for (let offset = 0; offset < QUALITY_LIMITATION_REASONS.length; offset++) {
      sums[QUALITY_LIMITATION_SECONDS + offset] += orZero(deltas[OUT.qualityLimitationNone + offset]);
    }
  }

  /**
   * What the far end reports of one of our streams: `deltas` in the order of
   * REMOTE_INBOUND_RTP_COUNTERS; `localPacketsSent` is that stream's ΔpacketsSent (NaN unknown).
   */
  addRemoteInbound(
    kind: MediaKind,
    deltas: ArrayLike<number>,
    localPacketsSent: number,
    roundTripTimeSeconds: number | undefined,
    jitterSeconds: number | undefined,
  ): void {
    const sums = this.sums;
    const lost = deltas[REMOTE.packetsLost];
    // Firefox reports what the far end received; elsewhere it is what we sent minus what was lost.
    const reportedReceived = deltas[REMOTE.packetsReceived];
    const received = known(reportedReceived)
      ? reportedReceived
      : known(localPacketsSent) && known(lost)
        ? Math.max(0, localPacketsSent - lost)
        : NaN;
    if (known(lost) && known(received)) addPackets(sums, OUTBOUND_PACKETS, lost, received);

    const measurements = deltas[REMOTE.roundTripTimeMeasurements];
    const totalRtt = deltas[REMOTE.totalRoundTripTime];
    if (known(measurements) && known(totalRtt)) {
      // Exact mean of the RTCP measurements in the interval; none new means the gauge is stale.
      if (measurements > 0) {
        const max = sums[RTCP_RTT_MS + 2];
        sums[RTCP_RTT_MS + 2] = Math.max(
          Number.isNaN(max) ? 0 : max,
          (roundTripTimeSeconds ?? totalRtt / measurements) * 1000,
        );
        sums[RTCP_RTT_MS] += totalRtt * 1000;
        sums[RTCP_RTT_MS + 1] += measurements;
      }
    } else if (roundTripTimeSeconds !== undefined) {
      addSample(sums, RTCP_RTT_MS, roundTripTimeSeconds * 1000);
    }
    if (kind === 'audio' && jitterSeconds !== undefined) addSample(sums, REMOTE_AUDIO_JITTER_MS, jitterSeconds * 1000);
  }

  /** The selected candidate pair's currentRoundTripTime. */
  addIceRtt(seconds: number): void {
    addSample(this.sums, ICE_RTT_MS, seconds * 1000);
  }

  private addNormalized(interval: NormalizedInterval): void {
    this.begin(interval.timestamp, interval.peerConnectionId, interval.intervalSeconds);
    for (const track of interval.tracks) {
      switch (track.direction) {
        case 'inbound':
          this.addInbound(track.kind, deltasArray(INBOUND_RTP_COUNTERS, track.deltas), track.gauges.jitter);
          break;
        case 'outbound':
          this.addOutbound(track.kind, deltasArray(OUTBOUND_RTP_COUNTERS, track.deltas));
          break;
        case 'remote-inbound':
          this.addRemoteInbound(
            track.kind,
            deltasArray(REMOTE_INBOUND_RTP_COUNTERS, track.deltas),
            track.localPacketsSent ?? NaN,
            track.gauges.roundTripTime,
            track.gauges.jitter,
          );
          break;
      }
    }
    const iceRtt = interval.candidatePair?.gauges.currentRoundTripTime;
    if (iceRtt !== undefined) this.addIceRtt(iceRtt);
  }
}

/** Where each counter sits in its list: `IN.packetsLost` is packetsLost's index in INBOUND_RTP_COUNTERS. */
function indexesOf<Name extends string>(names: readonly Name[]): Readonly<Record<Name, number>> {
  return Object.fromEntries(names.map((name, index) => [name, index])) as Record<Name, number>;
}
const IN = indexesOf(INBOUND_RTP_COUNTERS);
const OUT = {
  ...indexesOf(OUTBOUND_RTP_COUNTERS),
  /** The quality-limitation counters follow in the order of QUALITY_LIMITATION_REASONS. */
  qualityLimitationNone: OUTBOUND_RTP_COUNTERS.indexOf('qualityLimitationDurations.none'),
};
const REMOTE = indexesOf(REMOTE_INBOUND_RTP_COUNTERS);

/** A deltas record as an array in the order of `names`, NaN where absent. */
function deltasArray<Name extends string>(names: readonly Name[], deltas: Counters<Name>): number[] {
  return names.map((name) => deltas[name] ?? NaN);
}

const known = (value: number): boolean => !Number.isNaN(value);
const orZero = (value: number): number => (Number.isNaN(value) ? 0 : value);

/**
 * A tally its owner adds to in place: an open window's, a peer connection's. Adding an interval
 * allocates nothing; the pure `addIntervalToTally` copies first.
 */
export class MutableTally extends ConnectivityTally {
  /** Adds one interval's sums. */
  addInterval(interval: IntervalSums): void {
    const sums = this.sums;
    // Coverage is the union of the intervals' spans, not a sum: two peer connections report
    // over the same wall-clock time, and that time counts once.
    const coveredSeconds = sums[COVERED_SECONDS];
    const coveredUntil = sums[COVERED_UNTIL];
    this.addSumsOf(interval);
    sums[COVERED_SECONDS] = coveredSeconds;
    sums[COVERED_UNTIL] = coveredUntil;
    addCoverage(sums, interval.timestamp, interval.intervalSeconds);
  }
}

export const EMPTY_TALLY: ConnectivityTally = new ConnectivityTally();

/** A tally of one's own to add to in place (a copy of `tally`, empty by default). */
export function mutableTally(tally?: ConnectivityTally): MutableTally {
  return new MutableTally(tally);
}

/** Pure: `tally` plus one interval, as a new tally. */
export function addIntervalToTally(tally: ConnectivityTally, interval: NormalizedInterval): ConnectivityTally {
  const copy = mutableTally(tally);
  copy.addInterval(new IntervalSums(interval));
  return copy;
}

/** Sum of two tallies (windows into a session, 10 s windows into 60 s ones). */
export function mergeTallies(a: ConnectivityTally, b: ConnectivityTally): ConnectivityTally {
  return a.plus(b);
}

function mergeOptional(a: number, b: number, pick: (x: number, y: number) => number): number {
  if (Number.isNaN(a)) return b;
  if (Number.isNaN(b)) return a;
  return pick(a, b);
}

function addCoverage(sums: number[], timestamp: number, intervalSeconds: number): void {
  sums[FIRST_TIMESTAMP] = mergeOptional(sums[FIRST_TIMESTAMP], timestamp, Math.min);
  sums[LAST_TIMESTAMP] = mergeOptional(sums[LAST_TIMESTAMP], timestamp, Math.max);
  // Two peer connections report over the same wall-clock time; count that time once.
  const coveredUntil = sums[COVERED_UNTIL];
  const start = Math.max(timestamp - intervalSeconds * 1000, Number.isNaN(coveredUntil) ? -Infinity : coveredUntil);
  if (timestamp > start) sums[COVERED_SECONDS] += (timestamp - start) / 1000;
  sums[COVERED_UNTIL] = mergeOptional(coveredUntil, timestamp, Math.max);
}

function addPackets(sums: number[], at: number, lost: number, received: number): void {
  sums[at] += lost;
  sums[at + 1] += received;
}

function addFrames(sums: number[], at: number, frames: number, seconds: number): void {
  sums[at] += frames;
  sums[at + 1] += seconds;
}

function addSample(sums: number[], at: number, value: number): void {
  sums[at] += value;
  sums[at + 1] += 1;
  sums[at + 2] = mergeOptional(sums[at + 2], value, Math.max);
}
