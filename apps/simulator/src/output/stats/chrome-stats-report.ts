import type { RtcStats, StatsMessage } from '@attune/protocol';
import type { SeededRandom } from '@attune/metrics/speaking/testing';

/** What the member's link and devices did during one poll interval. */
export interface IntervalConditions {
  intervalSeconds: number;
  rttMs: number;
  jitterMs: number;
  lossPct: number;
  jitterBufferDelayMs: number;
  cameraOn: boolean;
  /** The microphone's cumulative media-source counters at the end of the interval. */
  totalAudioEnergy: number;
  totalSamplesDuration: number;
  /** Speaking at the poll, for the instantaneous audioLevel. */
  speaking: boolean;
}

const AUDIO_PACKETS_PER_SECOND = 50;
const VIDEO_PACKETS_PER_SECOND = 170;
const VIDEO_FPS = 25;
const SAMPLE_RATE = 48_000;

/**
 * One RTCPeerConnection of a member in an SFU call, as Chrome's getStats() reports it: 12
 * objects (transport, candidate pair, inbound and outbound audio and video, what the far end
 * reports back, microphone and camera sources, playout, codec) with cumulative counters that
 * only grow, while RTT, jitter and loss follow the member's link. Loss conceals audio and, past
 * a few percent, freezes video; a camera that is off sends no frames. A new connection (after an
 * outage) is a new instance: new ids, counters from zero, as in the browser.
 */
export class ChromeStatsReport {
  private elapsedSeconds = 0;
  private readonly counters = {
    audioPacketsIn: 0,
    audioLost: 0,
    videoPacketsIn: 0,
    videoLost: 0,
    audioPacketsOut: 0,
    audioLostAtFarEnd: 0,
    videoPacketsOut: 0,
    videoLostAtFarEnd: 0,
    framesDecoded: 0,
    framesDropped: 0,
    framesEncoded: 0,
    freezeCount: 0,
    totalFreezesDuration: 0,
    jitterBufferDelay: 0,
    jitterBufferEmitted: 0,
    concealedSamples: 0,
    concealmentEvents: 0,
    samplesReceived: 0,
    inboundAudioEnergy: 0,
    bandwidthLimitedSeconds: 0,
    totalRoundTripTime: 0,
    roundTripTimeMeasurements: 0,
    stunResponses: 0,
  };

  constructor(
    /** `pc-1`, `pc-2`, …: the collector's id of this connection. */
    readonly peerConnectionId: string,
    private readonly random: SeededRandom,
    /** The microphone's counters when this connection started (they count from its start). */
    private readonly audioBaseline: { totalAudioEnergy: number; totalSamplesDuration: number },
  ) {}

  report(timestamp: number, conditions: IntervalConditions): StatsMessage {
    const c = this.counters;
    const dt = conditions.intervalSeconds;
    this.elapsedSeconds += dt;
    const loss = conditions.lossPct / 100;
    const audioSent = Math.round(AUDIO_PACKETS_PER_SECOND * dt);
    const audioLost = this.binomial(audioSent, loss);
    c.audioPacketsIn += audioSent - audioLost;
    c.audioLost += audioLost;
    const videoSent = Math.round(VIDEO_PACKETS_PER_SECOND * dt);
    const videoLost = this.binomial(videoSent, loss);
    c.videoPacketsIn += videoSent - videoLost;
    c.videoLost += videoLost;
    // The far end sees our media over the same link: similar loss, measured independently.
    const outAudio = Math.round(AUDIO_PACKETS_PER_SECOND * dt);
    c.audioPacketsOut += outAudio;
    c.audioLostAtFarEnd += this.binomial(outAudio, loss * 0.8);
    const outVideoPackets = conditions.cameraOn ? Math.round(160 * dt) : 0;
    c.videoPacketsOut += outVideoPackets;
    c.videoLostAtFarEnd += this.binomial(outVideoPackets, loss * 0.8);
    if (conditions.cameraOn) c.framesEncoded += Math.round(VIDEO_FPS * dt);

    // Under loss the decoder waits for keyframes: freezes, dropped frames, a lower frame rate.
    const freezes = conditions.lossPct > 3 && this.random.next() < Math.min(0.9, conditions.lossPct / 12);
    const frozenSeconds = freezes ? Math.min(dt, this.random.between(0.3, 0.9)) : 0;
    if (freezes) {
      c.freezeCount += 1;
      c.totalFreezesDuration += frozenSeconds;
    }
    const decoded = Math.round(VIDEO_FPS * (dt - frozenSeconds));
    c.framesDecoded += decoded;
    c.framesDropped += Math.round(VIDEO_FPS * dt) - decoded;
    if (conditions.lossPct > 4) c.bandwidthLimitedSeconds += dt;

    const samples = Math.round(SAMPLE_RATE * dt);
    c.samplesReceived += samples;
    c.jitterBufferEmitted += samples;
    c.jitterBufferDelay += (samples * conditions.jitterBufferDelayMs) / 1000;
    c.concealedSamples += audioLost * 960;
    if (audioLost > 0) c.concealmentEvents += 1;
    c.inboundAudioEnergy += dt * 2e-4;
    c.totalRoundTripTime += conditions.rttMs / 1000;
    c.roundTripTimeMeasurements += 1;
    c.stunResponses += 1;

    const T = timestamp;
    const pc = this.peerConnectionId;
    const rttSeconds = round(conditions.rttMs / 1000, 4);
    const jitterSeconds = round(conditions.jitterMs / 1000, 4);
    const fps = conditions.cameraOn ? VIDEO_FPS : 0;
    const receivedFps = Math.round(decoded / dt);
    const audioBytesIn = c.audioPacketsIn * 120;
    const videoBytesIn = c.videoPacketsIn * 900;
    const audioBytesOut = c.audioPacketsOut * 120;
    const videoBytesOut = c.videoPacketsOut * 750;
    const stats: RtcStats[] = [
      {
        id: `T-${pc}`,
        type: 'transport',
        timestamp: T,
        bytesSent: audioBytesOut + videoBytesOut,
        bytesReceived: audioBytesIn + videoBytesIn,
        packetsSent: c.audioPacketsOut + c.videoPacketsOut,
        packetsReceived: c.audioPacketsIn + c.videoPacketsIn,
        iceState: 'connected',
        dtlsState: 'connected',
        selectedCandidatePairId: `CP-${pc}`,
      },
      {
        id: `CP-${pc}`,
        type: 'candidate-pair',
        timestamp: T,
        transportId: `T-${pc}`,
        state: 'succeeded',
        nominated: true,
        currentRoundTripTime: round(conditions.rttMs / 1000 - 0.002, 4),
        totalRoundTripTime: round(c.totalRoundTripTime, 4),
        responsesReceived: c.stunResponses,
        requestsSent: c.stunResponses,
        bytesSent: audioBytesOut + videoBytesOut,
        bytesReceived: audioBytesIn + videoBytesIn,
        availableOutgoingBitrate: conditions.lossPct > 4 ? 300_000 : 1_500_000,
      },
      {
        id: `IA-${pc}`,
        type: 'inbound-rtp',
        timestamp: T,
        kind: 'audio',
        ssrc: 1111,
        mid: '2',
        transportId: `T-${pc}`,
        codecId: `CA-${pc}`,
        packetsReceived: c.audioPacketsIn,
        packetsLost: c.audioLost,
        jitter: jitterSeconds,
        bytesReceived: audioBytesIn,
        jitterBufferDelay: round(c.jitterBufferDelay, 3),
        jitterBufferEmittedCount: c.jitterBufferEmitted,
        totalSamplesReceived: c.samplesReceived,
        concealedSamples: c.concealedSamples,
        concealmentEvents: c.concealmentEvents,
        audioLevel: 0.02,
        totalAudioEnergy: round(c.inboundAudioEnergy, 6),
        totalSamplesDuration: round(this.elapsedSeconds, 3),
      },
      {
        id: `IV-${pc}`,
        type: 'inbound-rtp',
        timestamp: T,
        kind: 'video',
        ssrc: 2222,
        mid: '3',
        transportId: `T-${pc}`,
        packetsReceived: c.videoPacketsIn,
        packetsLost: c.videoLost,
        jitter: round(jitterSeconds * 1.4, 4),
        bytesReceived: videoBytesIn,
        framesPerSecond: receivedFps,
        framesDecoded: c.framesDecoded,
        framesDropped: c.framesDropped,
        freezeCount: c.freezeCount,
        totalFreezesDuration: round(c.totalFreezesDuration, 3),
        jitterBufferDelay: round(c.framesDecoded * 0.05, 3),
        jitterBufferEmittedCount: c.framesDecoded,
      },
      {
        id: `OA-${pc}`,
        type: 'outbound-rtp',
        timestamp: T,
        kind: 'audio',
        ssrc: 3333,
        mid: '0',
        transportId: `T-${pc}`,
        packetsSent: c.audioPacketsOut,
        bytesSent: audioBytesOut,
        mediaSourceId: `SA-${pc}`,
        remoteId: `RA-${pc}`,
        active: true,
      },
      {
        id: `OV-${pc}`,
        type: 'outbound-rtp',
        timestamp: T,
        kind: 'video',
        ssrc: 4444,
        mid: '1',
        transportId: `T-${pc}`,
        packetsSent: c.videoPacketsOut,
        bytesSent: videoBytesOut,
        framesEncoded: c.framesEncoded,
        framesSent: c.framesEncoded,
        framesPerSecond: fps,
        qualityLimitationReason: conditions.lossPct > 4 ? 'bandwidth' : 'none',
        qualityLimitationDurations: {
          none: round(this.elapsedSeconds - c.bandwidthLimitedSeconds, 3),
          cpu: 0,
          bandwidth: round(c.bandwidthLimitedSeconds, 3),
          other: 0,
        },
        mediaSourceId: `SV-${pc}`,
        remoteId: `RV-${pc}`,
        active: conditions.cameraOn,
      },
      {
        id: `RA-${pc}`,
        type: 'remote-inbound-rtp',
        timestamp: T - 80,
        kind: 'audio',
        ssrc: 3333,
        transportId: `T-${pc}`,
        localId: `OA-${pc}`,
        packetsReceived: c.audioPacketsOut - c.audioLostAtFarEnd,
        packetsLost: c.audioLostAtFarEnd,
        jitter: round(jitterSeconds * 0.9, 4),
        fractionLost: round(loss * 0.8, 4),
        roundTripTime: rttSeconds,
        totalRoundTripTime: round(c.totalRoundTripTime, 4),
        roundTripTimeMeasurements: c.roundTripTimeMeasurements,
      },
      {
        id: `RV-${pc}`,
        type: 'remote-inbound-rtp',
        timestamp: T - 80,
        kind: 'video',
        ssrc: 4444,
        transportId: `T-${pc}`,
        localId: `OV-${pc}`,
        packetsLost: c.videoLostAtFarEnd,
        jitter: round(jitterSeconds * 1.2, 4),
        fractionLost: round(loss * 0.8, 4),
        roundTripTime: rttSeconds,
        totalRoundTripTime: round(c.totalRoundTripTime, 4),
        roundTripTimeMeasurements: c.roundTripTimeMeasurements,
      },
      {
        id: `SA-${pc}`,
        type: 'media-source',
        timestamp: T,
        kind: 'audio',
        trackIdentifier: `mic-${pc}`,
        audioLevel: conditions.speaking ? 0.12 : 0.003,
        totalAudioEnergy: conditions.totalAudioEnergy - this.audioBaseline.totalAudioEnergy,
        totalSamplesDuration: round(conditions.totalSamplesDuration - this.audioBaseline.totalSamplesDuration, 3),
      },
      {
        id: `SV-${pc}`,
        type: 'media-source',
        timestamp: T,
        kind: 'video',
        trackIdentifier: `cam-${pc}`,
        width: 640,
        height: 480,
        framesPerSecond: fps,
        frames: c.framesEncoded,
      },
      {
        id: `AP-${pc}`,
        type: 'media-playout',
        timestamp: T,
        kind: 'audio',
        synthesizedSamplesDuration: round(c.concealedSamples / SAMPLE_RATE, 3),
        synthesizedSamplesEvents: c.concealmentEvents,
        totalSamplesDuration: round(this.elapsedSeconds, 3),
        totalPlayoutDelay: round(this.elapsedSeconds * 0.05, 3),
        totalSamplesCount: c.samplesReceived,
      },
      {
        id: `CA-${pc}`,
        type: 'codec',
        timestamp: T,
        transportId: `T-${pc}`,
        payloadType: 111,
        mimeType: 'audio/opus',
        clockRate: SAMPLE_RATE,
        channels: 2,
        sdpFmtpLine: 'minptime=10;useinbandfec=1',
      },
    ];
    return { kind: 'stats', timestamp: T, peerConnectionId: pc, stats };
  }

  /** Lost packets of `count` sent with probability `p` each: a normal approximation, never negative. */
  private binomial(count: number, p: number): number {
    if (count === 0 || p <= 0) return 0;
    const mean = count * p;
    const spread = Math.sqrt(count * p * (1 - p));
    return Math.max(0, Math.min(count, Math.round(mean + spread * this.random.normal())));
  }
}

function round(value: number, digits: number): number {
  const factor = 10 ** digits;
  return Math.round(value * factor) / factor;
}
