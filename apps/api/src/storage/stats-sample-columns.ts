/** One W3C RTCStats object as a participant's browser reported it. */
export interface RtcStatsObject {
  id: string;
  type: string;
  [field: string]: unknown;
}

/**
 * The values of one stats report that the metrics read most, as stats_sample columns.
 * Counters are cumulative, as reported, summed over the report's objects of that type and
 * kind (interval deltas are the pipeline's job); times are in milliseconds. A value is null
 * when no object in the report carries it.
 */
export interface StatsSampleColumns {
  audioPacketsReceived: number | null;
  audioPacketsLost: number | null;
  videoPacketsReceived: number | null;
  videoPacketsLost: number | null;
  /** The worst (largest) jitter over the received audio streams. */
  audioJitterMs: number | null;
  /** currentRoundTripTime of the selected ICE candidate pair. */
  iceRttMs: number | null;
  /** The largest remote-inbound-rtp roundTripTime of the sent audio (RTCP). */
  rtcpRttMs: number | null;
  /** Media payload bytes over every inbound-rtp stream. */
  bytesReceived: number | null;
  /** Media payload bytes over every outbound-rtp stream. */
  bytesSent: number | null;
  /** totalAudioEnergy and totalSamplesDuration of the local microphone (media-source). */
  mediaSourceAudioEnergy: number | null;
  mediaSourceSamplesDuration: number | null;
}

type MediaKind = 'audio' | 'video';

/** Extracts the stats_sample columns from one report; pure, and never throws on odd input. */
export function statsSampleColumns(stats: ReadonlyArray<RtcStatsObject>): StatsSampleColumns {
  const byId = new Map(stats.map((entry) => [entry.id, entry]));
  const audioPacketsReceived = new Total(isCount);
  const audioPacketsLost = new Total(isSignedCount);
  const videoPacketsReceived = new Total(isCount);
  const videoPacketsLost = new Total(isSignedCount);
  const audioJitter = new Maximum();
  const rtcpRtt = new Maximum();
  const bytesReceived = new Total(isCount);
  const bytesSent = new Total(isCount);
  const audioEnergy = new Total(isMeasure);
  const samplesDuration = new Total(isMeasure);

  for (const entry of stats) {
    // Old Firefox reported the remote side's statistics as inbound/outbound-rtp with isRemote.
    if (entry.isRemote === true) continue;
    switch (entry.type) {
      case 'inbound-rtp': {
        const kind = mediaKind(entry, byId);
        if (kind === 'audio') {
          audioPacketsReceived.add(entry.packetsReceived);
          audioPacketsLost.add(entry.packetsLost);
          audioJitter.add(entry.jitter);
        } else if (kind === 'video') {
          videoPacketsReceived.add(entry.packetsReceived);
          videoPacketsLost.add(entry.packetsLost);
        }
        bytesReceived.add(entry.bytesReceived);
        break;
      }
      case 'outbound-rtp':
        bytesSent.add(entry.bytesSent);
        break;
      case 'remote-inbound-rtp':
        if (mediaKind(entry, byId) === 'audio') rtcpRtt.add(entry.roundTripTime);
        break;
      case 'media-source':
        if (mediaKind(entry, byId) === 'audio') {
          audioEnergy.add(entry.totalAudioEnergy);
          samplesDuration.add(entry.totalSamplesDuration);
        }
        break;
    }
  }

  return {
    audioPacketsReceived: audioPacketsReceived.value,
    audioPacketsLost: audioPacketsLost.value,
    videoPacketsReceived: videoPacketsReceived.value,
    videoPacketsLost: videoPacketsLost.value,
    audioJitterMs: secondsToMs(audioJitter.value),
    iceRttMs: secondsToMs(iceRoundTripTime(stats, byId)),
    rtcpRttMs: secondsToMs(rtcpRtt.value),
    bytesReceived: bytesReceived.value,
    bytesSent: bytesSent.value,
    mediaSourceAudioEnergy: audioEnergy.value,
    mediaSourceSamplesDuration: samplesDuration.value,
  };
}

/**
 * The RTT of the pair in use: the transport's selectedCandidatePairId (the standard), else a
 * pair flagged `selected` (Firefox, which has no transport stats), else a nominated pair that
 * succeeded.
 */
function iceRoundTripTime(stats: ReadonlyArray<RtcStatsObject>, byId: Map<string, RtcStatsObject>): number | null {
  const pairs = stats.filter((entry) => entry.type === 'candidate-pair');
  const selectedViaTransport = stats
    .filter((entry) => entry.type === 'transport' && typeof entry.selectedCandidatePairId === 'string')
    .map((transport) => byId.get(transport.selectedCandidatePairId as string))
    .filter((pair): pair is RtcStatsObject => pair?.type === 'candidate-pair');
  const candidates = [
    ...selectedViaTransport,
    ...pairs.filter((pair) => pair.selected === true),
    ...pairs.filter((pair) => pair.nominated === true && pair.state === 'succeeded'),
  ];
  const withRtt = candidates.find((pair) => isMeasure(pair.currentRoundTripTime));
  return withRtt ? (withRtt.currentRoundTripTime as number) : null;
}

/**
 * `kind` is standard; older browsers send `mediaType`, and Safari sends an empty kind on
 * remote-inbound-rtp, where the local outbound stream or the codec tells the kind instead.
 */
function mediaKind(entry: RtcStatsObject, byId: Map<string, RtcStatsObject>): MediaKind | undefined {
  for (const candidate of [entry.kind, entry.mediaType]) {
    if (candidate === 'audio' || candidate === 'video') return candidate;
  }
  const local = typeof entry.localId === 'string' ? byId.get(entry.localId) : undefined;
  if (local && local !== entry) {
    for (const candidate of [local.kind, local.mediaType]) {
      if (candidate === 'audio' || candidate === 'video') return candidate;
    }
  }
  const codec = typeof entry.codecId === 'string' ? byId.get(entry.codecId) : undefined;
  const mimeType = typeof codec?.mimeType === 'string' ? codec.mimeType.toLowerCase() : '';
  if (mimeType.startsWith('audio/')) return 'audio';
  if (mimeType.startsWith('video/')) return 'video';
  return undefined;
}

/** Packet and byte counters: whole numbers that fit a bigint column. */
function isCount(value: unknown): value is number {
  return Number.isSafeInteger(value) && (value as number) >= 0;
}

/** packetsLost may go negative (duplicates outnumber losses). */
function isSignedCount(value: unknown): value is number {
  return Number.isSafeInteger(value);
}

function isMeasure(value: unknown): value is number {
  return typeof value === 'number' && Number.isFinite(value) && value >= 0;
}

function secondsToMs(seconds: number | null): number | null {
  return seconds === null ? null : seconds * 1000;
}

class Total {
  value: number | null = null;

  constructor(private readonly accepts: (value: unknown) => value is number) {}

  add(value: unknown): void {
    if (this.accepts(value)) this.value = (this.value ?? 0) + value;
  }
}

class Maximum {
  value: number | null = null;

  add(value: unknown): void {
    if (isMeasure(value)) this.value = this.value === null ? value : Math.max(this.value, value);
  }
}
