import type {
  InboundTrackInterval,
  NormalizedInterval,
  OutboundTrackInterval,
  RemoteInboundTrackInterval,
} from '../normalize/normalized-interval';
import { QUALITY_LIMITATION_REASONS, type QualityLimitationReason } from '../normalize/stats-views';

/*
 * A tally is the additive summary of any number of intervals: sums of deltas and of gauge samples,
 * never the samples themselves, so a window and a whole session take the same constant memory and
 * two tallies merge by adding. Every ratio (loss %, concealment %, bitrate…) is computed from a
 * tally at the end, which makes a window's loss Σlost / Σ(lost + received), not a mean of ratios.
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

export interface ConnectivityTally {
  readonly intervals: number;
  readonly firstTimestamp?: number;
  readonly lastTimestamp?: number;
  /** Length of the union of the intervals' spans: the time the bitrates are averaged over. */
  readonly coveredSeconds: number;
  readonly coveredUntil?: number;
  /** All inbound RTP streams. */
  readonly inboundPackets: PacketTally;
  readonly inboundAudioPackets: PacketTally;
  /** Our outbound streams, as the far end reports them (remote-inbound-rtp). */
  readonly outboundPackets: PacketTally;
  readonly bytesReceived: number;
  readonly bytesSent: number;
  readonly jitterBufferDelaySeconds: number;
  readonly jitterBufferEmittedCount: number;
  readonly concealedSamples: number;
  readonly totalSamplesReceived: number;
  readonly inboundVideoFrames: FrameTally;
  readonly outboundVideoFrames: FrameTally;
  readonly freezeCount: number;
  readonly freezeSeconds: number;
  readonly qualityLimitationSeconds: Readonly<Record<QualityLimitationReason, number>>;
  /** Selected candidate pair currentRoundTripTime, one sample per interval. */
  readonly iceRttMs: GaugeTally;
  /** remote-inbound-rtp RTT: every RTCP measurement when the browser counts them, else one sample per report. */
  readonly rtcpRttMs: GaugeTally;
  /** Inbound audio jitter, one sample per active stream per interval. */
  readonly audioJitterMs: GaugeTally;
  /** Jitter the far end measures on our audio (remote-inbound-rtp). */
  readonly remoteAudioJitterMs: GaugeTally;
}

const QUALITY_LIMITATION_COUNTERS = QUALITY_LIMITATION_REASONS.map(
  (reason) => [reason, `qualityLimitationDurations.${reason}` as const] as const,
);

const NO_PACKETS: PacketTally = { lost: 0, received: 0 };
const NO_SAMPLES: GaugeTally = { sum: 0, count: 0, max: undefined };
const NO_FRAMES: FrameTally = { frames: 0, streamSeconds: 0 };

// Optional fields are listed as undefined so every tally has the same shape (V8 keeps it fast).
export const EMPTY_TALLY: ConnectivityTally = {
  intervals: 0,
  firstTimestamp: undefined,
  lastTimestamp: undefined,
  coveredSeconds: 0,
  coveredUntil: undefined,
  inboundPackets: NO_PACKETS,
  inboundAudioPackets: NO_PACKETS,
  outboundPackets: NO_PACKETS,
  bytesReceived: 0,
  bytesSent: 0,
  jitterBufferDelaySeconds: 0,
  jitterBufferEmittedCount: 0,
  concealedSamples: 0,
  totalSamplesReceived: 0,
  inboundVideoFrames: NO_FRAMES,
  outboundVideoFrames: NO_FRAMES,
  freezeCount: 0,
  freezeSeconds: 0,
  qualityLimitationSeconds: { none: 0, cpu: 0, bandwidth: 0, other: 0 },
  iceRttMs: NO_SAMPLES,
  rtcpRttMs: NO_SAMPLES,
  audioJitterMs: NO_SAMPLES,
  remoteAudioJitterMs: NO_SAMPLES,
};

type Mutable<T> = { -readonly [K in keyof T]: T[K] };

/**
 * A tally its owner adds to in place: an open window's, a peer connection's. Every nested part
 * is the tally's own, so adding an interval allocates nothing; the pure `addIntervalToTally`
 * copies first.
 */
export interface MutableTally extends Mutable<
  Omit<
    ConnectivityTally,
    | 'inboundPackets'
    | 'inboundAudioPackets'
    | 'outboundPackets'
    | 'inboundVideoFrames'
    | 'outboundVideoFrames'
    | 'qualityLimitationSeconds'
    | 'iceRttMs'
    | 'rtcpRttMs'
    | 'audioJitterMs'
    | 'remoteAudioJitterMs'
  >
> {
  inboundPackets: Mutable<PacketTally>;
  inboundAudioPackets: Mutable<PacketTally>;
  outboundPackets: Mutable<PacketTally>;
  inboundVideoFrames: Mutable<FrameTally>;
  outboundVideoFrames: Mutable<FrameTally>;
  qualityLimitationSeconds: Record<QualityLimitationReason, number>;
  iceRttMs: Mutable<GaugeTally>;
  rtcpRttMs: Mutable<GaugeTally>;
  audioJitterMs: Mutable<GaugeTally>;
  remoteAudioJitterMs: Mutable<GaugeTally>;
}

// Field by field rather than `{ ...tally }`: one fixed object shape keeps V8 on its fast path.
/** A tally of one's own to add to in place (a deep copy of `tally`, empty by default). */
export function mutableTally(tally: ConnectivityTally = EMPTY_TALLY): MutableTally {
  return {
    intervals: tally.intervals,
    firstTimestamp: tally.firstTimestamp,
    lastTimestamp: tally.lastTimestamp,
    coveredSeconds: tally.coveredSeconds,
    coveredUntil: tally.coveredUntil,
    inboundPackets: { ...tally.inboundPackets },
    inboundAudioPackets: { ...tally.inboundAudioPackets },
    outboundPackets: { ...tally.outboundPackets },
    bytesReceived: tally.bytesReceived,
    bytesSent: tally.bytesSent,
    jitterBufferDelaySeconds: tally.jitterBufferDelaySeconds,
    jitterBufferEmittedCount: tally.jitterBufferEmittedCount,
    concealedSamples: tally.concealedSamples,
    totalSamplesReceived: tally.totalSamplesReceived,
    inboundVideoFrames: { ...tally.inboundVideoFrames },
    outboundVideoFrames: { ...tally.outboundVideoFrames },
    freezeCount: tally.freezeCount,
    freezeSeconds: tally.freezeSeconds,
    qualityLimitationSeconds: { ...tally.qualityLimitationSeconds },
    iceRttMs: { ...tally.iceRttMs },
    rtcpRttMs: { ...tally.rtcpRttMs },
    audioJitterMs: { ...tally.audioJitterMs },
    remoteAudioJitterMs: { ...tally.remoteAudioJitterMs },
  };
}

/** Empties a tally of one's own, to use it again (no allocation). */
export function clearTally(tally: MutableTally): void {
  tally.intervals = 0;
  tally.firstTimestamp = undefined;
  tally.lastTimestamp = undefined;
  tally.coveredSeconds = 0;
  tally.coveredUntil = undefined;
  clearPackets(tally.inboundPackets);
  clearPackets(tally.inboundAudioPackets);
  clearPackets(tally.outboundPackets);
  tally.bytesReceived = 0;
  tally.bytesSent = 0;
  tally.jitterBufferDelaySeconds = 0;
  tally.jitterBufferEmittedCount = 0;
  tally.concealedSamples = 0;
  tally.totalSamplesReceived = 0;
  clearFrames(tally.inboundVideoFrames);
  clearFrames(tally.outboundVideoFrames);
  tally.freezeCount = 0;
  tally.freezeSeconds = 0;
  for (const reason of QUALITY_LIMITATION_REASONS) tally.qualityLimitationSeconds[reason] = 0;
  clearSamples(tally.iceRttMs);
  clearSamples(tally.rtcpRttMs);
  clearSamples(tally.audioJitterMs);
  clearSamples(tally.remoteAudioJitterMs);
}

function clearPackets(tally: Mutable<PacketTally>): void {
  tally.lost = 0;
  tally.received = 0;
}

function clearFrames(tally: Mutable<FrameTally>): void {
  tally.frames = 0;
  tally.streamSeconds = 0;
}

function clearSamples(tally: Mutable<GaugeTally>): void {
  tally.sum = 0;
  tally.count = 0;
  tally.max = undefined;
}

/** Pure: `tally` plus one interval, as a new tally. */
export function addIntervalToTally(tally: ConnectivityTally, interval: NormalizedInterval): ConnectivityTally {
  const copy = mutableTally(tally);
  addIntervalInPlace(copy, interval);
  return copy;
}

/** The same sum as `addIntervalToTally`, into a tally its caller owns (the per-report path). */
export function addIntervalInPlace(draft: MutableTally, interval: NormalizedInterval): void {
  draft.intervals += 1;
  addCoverage(draft, interval);
  for (const track of interval.tracks) {
    if (track.direction === 'inbound') addInbound(draft, track, interval.intervalSeconds);
    else if (track.direction === 'outbound') addOutbound(draft, track, interval.intervalSeconds);
    else addRemoteInbound(draft, track);
  }
  const iceRtt = interval.candidatePair?.gauges.currentRoundTripTime;
  if (iceRtt !== undefined) addSample(draft.iceRttMs, iceRtt * 1000);
}

function addCoverage(draft: MutableTally, { timestamp, intervalSeconds }: NormalizedInterval): void {
  draft.firstTimestamp = Math.min(draft.firstTimestamp ?? timestamp, timestamp);
  draft.lastTimestamp = Math.max(draft.lastTimestamp ?? timestamp, timestamp);
  // Two peer connections report over the same wall-clock time; count that time once.
  const start = Math.max(timestamp - intervalSeconds * 1000, draft.coveredUntil ?? Number.NEGATIVE_INFINITY);
  if (timestamp > start) draft.coveredSeconds += (timestamp - start) / 1000;
  draft.coveredUntil = Math.max(draft.coveredUntil ?? timestamp, timestamp);
}

function addInbound(draft: MutableTally, { kind, deltas, gauges }: InboundTrackInterval, seconds: number): void {
  const { packetsLost, packetsReceived } = deltas;
  if (packetsLost !== undefined && packetsReceived !== undefined) {
    addPackets(draft.inboundPackets, packetsLost, packetsReceived);
    if (kind === 'audio') addPackets(draft.inboundAudioPackets, packetsLost, packetsReceived);
  }
  draft.bytesReceived += deltas.bytesReceived ?? 0;
  // A stream that moved no packets (paused by the SFU, muted sender) has a stale jitter and no frame rate.
  const active = (packetsReceived ?? 0) > 0;
  if (kind === 'audio') {
    if (deltas.jitterBufferDelay !== undefined && deltas.jitterBufferEmittedCount !== undefined) {
      draft.jitterBufferDelaySeconds += deltas.jitterBufferDelay;
      draft.jitterBufferEmittedCount += deltas.jitterBufferEmittedCount;
    }
    if (deltas.concealedSamples !== undefined && deltas.totalSamplesReceived !== undefined) {
      draft.concealedSamples += deltas.concealedSamples;
      draft.totalSamplesReceived += deltas.totalSamplesReceived;
    }
    if (active && gauges.jitter !== undefined) addSample(draft.audioJitterMs, gauges.jitter * 1000);
    return;
  }
  if (active && deltas.framesDecoded !== undefined) addFrames(draft.inboundVideoFrames, deltas.framesDecoded, seconds);
  draft.freezeCount += deltas.freezeCount ?? 0;
  draft.freezeSeconds += deltas.totalFreezesDuration ?? 0;
}

function addOutbound(draft: MutableTally, { kind, deltas }: OutboundTrackInterval, seconds: number): void {
  draft.bytesSent += deltas.bytesSent ?? 0;
  if (kind !== 'video') return;
  if ((deltas.packetsSent ?? 0) > 0 && deltas.framesEncoded !== undefined) {
    addFrames(draft.outboundVideoFrames, deltas.framesEncoded, seconds);
  }
  const limitation = draft.qualityLimitationSeconds;
  for (const [reason, counter] of QUALITY_LIMITATION_COUNTERS) limitation[reason] += deltas[counter] ?? 0;
}

function addRemoteInbound(draft: MutableTally, track: RemoteInboundTrackInterval): void {
  const { deltas, gauges } = track;
  const lost = deltas.packetsLost;
  // Firefox reports what the far end received; elsewhere it is what we sent minus what was lost.
  const received =
    deltas.packetsReceived ??
    (track.localPacketsSent !== undefined && lost !== undefined
      ? Math.max(0, track.localPacketsSent - lost)
      : undefined);
  if (lost !== undefined && received !== undefined) addPackets(draft.outboundPackets, lost, received);

  const measurements = deltas.roundTripTimeMeasurements;
  const totalRtt = deltas.totalRoundTripTime;
  if (measurements !== undefined && totalRtt !== undefined) {
    // Exact mean of the RTCP measurements in the interval; none new means the gauge is stale.
    if (measurements > 0) {
      const rtt = draft.rtcpRttMs;
      rtt.max = Math.max(rtt.max ?? 0, (gauges.roundTripTime ?? totalRtt / measurements) * 1000);
      rtt.sum += totalRtt * 1000;
      rtt.count += measurements;
    }
  } else if (gauges.roundTripTime !== undefined) {
    addSample(draft.rtcpRttMs, gauges.roundTripTime * 1000);
  }
  if (track.kind === 'audio' && gauges.jitter !== undefined) {
    addSample(draft.remoteAudioJitterMs, gauges.jitter * 1000);
  }
}

function addPackets(tally: Mutable<PacketTally>, lost: number, received: number): void {
  tally.lost += lost;
  tally.received += received;
}

function addFrames(tally: Mutable<FrameTally>, frames: number, seconds: number): void {
  tally.frames += frames;
  tally.streamSeconds += seconds;
}

function addSample(tally: Mutable<GaugeTally>, value: number): void {
  tally.sum += value;
  tally.count += 1;
  tally.max = Math.max(tally.max ?? value, value);
}

/** Sum of two tallies (windows into a session, 10 s windows into 60 s ones). */
export function mergeTallies(a: ConnectivityTally, b: ConnectivityTally): ConnectivityTally {
  const packets = (x: PacketTally, y: PacketTally): PacketTally => ({
    lost: x.lost + y.lost,
    received: x.received + y.received,
  });
  const frames = (x: FrameTally, y: FrameTally): FrameTally => ({
    frames: x.frames + y.frames,
    streamSeconds: x.streamSeconds + y.streamSeconds,
  });
  const gauge = (x: GaugeTally, y: GaugeTally): GaugeTally => ({
    sum: x.sum + y.sum,
    count: x.count + y.count,
    max: x.max === undefined ? y.max : y.max === undefined ? x.max : Math.max(x.max, y.max),
  });
  const optional = (x: number | undefined, y: number | undefined, pick: (p: number, q: number) => number) =>
    x === undefined ? y : y === undefined ? x : pick(x, y);
  const limitation = { ...a.qualityLimitationSeconds };
  for (const reason of QUALITY_LIMITATION_REASONS) limitation[reason] += b.qualityLimitationSeconds[reason];
  return {
    intervals: a.intervals + b.intervals,
    firstTimestamp: optional(a.firstTimestamp, b.firstTimestamp, Math.min),
    lastTimestamp: optional(a.lastTimestamp, b.lastTimestamp, Math.max),
    coveredSeconds: a.coveredSeconds + b.coveredSeconds,
    coveredUntil: optional(a.coveredUntil, b.coveredUntil, Math.max),
    inboundPackets: packets(a.inboundPackets, b.inboundPackets),
    inboundAudioPackets: packets(a.inboundAudioPackets, b.inboundAudioPackets),
    outboundPackets: packets(a.outboundPackets, b.outboundPackets),
    bytesReceived: a.bytesReceived + b.bytesReceived,
    bytesSent: a.bytesSent + b.bytesSent,
    jitterBufferDelaySeconds: a.jitterBufferDelaySeconds + b.jitterBufferDelaySeconds,
    jitterBufferEmittedCount: a.jitterBufferEmittedCount + b.jitterBufferEmittedCount,
    concealedSamples: a.concealedSamples + b.concealedSamples,
    totalSamplesReceived: a.totalSamplesReceived + b.totalSamplesReceived,
    inboundVideoFrames: frames(a.inboundVideoFrames, b.inboundVideoFrames),
    outboundVideoFrames: frames(a.outboundVideoFrames, b.outboundVideoFrames),
    freezeCount: a.freezeCount + b.freezeCount,
    freezeSeconds: a.freezeSeconds + b.freezeSeconds,
    qualityLimitationSeconds: limitation,
    iceRttMs: gauge(a.iceRttMs, b.iceRttMs),
    rtcpRttMs: gauge(a.rtcpRttMs, b.rtcpRttMs),
    audioJitterMs: gauge(a.audioJitterMs, b.audioJitterMs),
    remoteAudioJitterMs: gauge(a.remoteAudioJitterMs, b.remoteAudioJitterMs),
  };
}
