import type { SessionInput, SessionMessage } from '@attune/metrics';

// A Chrome-like member, shared by the benchmarks.

/**
 * One member's browser: a Chrome getStats() report a second (audio and video both ways, 12
 * objects: transport, candidate pair, inbound/outbound RTP, remote RTP, media sources, playout),
 * with cumulative counters; speech in the microphone's energy (and, for every other member,
 * device utterances); now and then a hidden tab.
 */
export class ChromeDevice {
  private seconds = 0;
  private readonly counters = {
    packetsIn: 0,
    packetsInVideo: 0,
    lost: 0,
    bytesIn: 0,
    bytesOut: 0,
    audioEnergy: 0,
    framesDecoded: 0,
    jitterBufferDelay: 0,
    emitted: 0,
    concealed: 0,
    samplesReceived: 0,
  };

  constructor(
    readonly id: string,
    private readonly index: number,
  ) {}

  /** Everything this member sends for the second ending at `timestamp`. */
  second(timestamp: number): SessionInput[] {
    this.seconds += 1;
    const inputs: SessionInput[] = [];
    if (this.seconds === 1) inputs.push(this.input({ kind: 'join', at: timestamp - 1000 }));
    // Each member speaks in a 60 s cycle, offset by their index: 8 s of speech.
    const phase = (this.seconds + this.index * 7) % 60;
    const speaking = phase < 8;
    inputs.push(this.input(this.report(timestamp, speaking ? 0.9 : 0)));
    if (this.index % 2 === 0 && phase === 8) {
      inputs.push(this.input({ kind: 'utterance', start: timestamp - 8000, end: timestamp - 4000 }));
      inputs.push(this.input({ kind: 'utterance', start: timestamp - 4000, end: timestamp - 200 }));
    }
    const hiddenPhase = (this.seconds + this.index * 31) % 600;
    if (hiddenPhase === 0)
      inputs.push(this.input({ kind: 'client-event', type: 'visibility', at: timestamp, state: 'hidden' }));
    if (hiddenPhase === 20)
      inputs.push(this.input({ kind: 'client-event', type: 'visibility', at: timestamp, state: 'visible' }));
    return inputs;
  }

  /** One getStats() report for the second ending at `timestamp`, counters advanced by a second. */
  report(timestamp: number, speechFraction: number): SessionMessage {
    const c = this.counters;
    const lost = this.seconds % 17 === 0 ? 2 : 0;
    c.packetsIn += 50 - lost;
    c.lost += lost;
    c.packetsInVideo += 170;
    c.bytesIn += 1800 + 140_000;
    c.bytesOut += 2_900 + 120_000;
    c.audioEnergy += speechFraction * 6e-3 + (1 - speechFraction) * 1e-6;
    c.framesDecoded += 25;
    c.jitterBufferDelay += 67.3;
    c.emitted += 48_000;
    c.concealed += lost * 960;
    c.samplesReceived += 48_000;
    const s = this.seconds;
    const T = timestamp;
    return {
      kind: 'stats',
      timestamp: T,
      peerConnectionId: 'pc-1',
      stats: [
        {
          id: 'T01',
          type: 'transport',
          timestamp: T,
          bytesSent: c.bytesOut,
          bytesReceived: c.bytesIn,
          selectedCandidatePairId: 'CPa1',
          dtlsState: 'connected',
          iceState: 'connected',
        },
        {
          id: 'CPa1',
          type: 'candidate-pair',
          timestamp: T,
          state: 'succeeded',
          nominated: true,
          currentRoundTripTime: 0.043,
          totalRoundTripTime: 0.043 * s,
          responsesReceived: s,
          bytesSent: c.bytesOut,
          bytesReceived: c.bytesIn,
          availableOutgoingBitrate: 1_500_000,
        },
        {
          id: 'IT01A1',
          type: 'inbound-rtp',
          timestamp: T,
          kind: 'audio',
          ssrc: 1111,
          mid: '0',
          packetsReceived: c.packetsIn,
          packetsLost: c.lost,
          jitter: 0.011,
          bytesReceived: c.packetsIn * 120,
          jitterBufferDelay: c.jitterBufferDelay,
          jitterBufferEmittedCount: c.emitted,
          concealedSamples: c.concealed,
          totalSamplesReceived: c.samplesReceived,
          audioLevel: 0.02,
          totalAudioEnergy: 0.0001 * s,
          totalSamplesDuration: s,
        },
        {
          id: 'IT01V1',
          type: 'inbound-rtp',
          timestamp: T,
          kind: 'video',
          ssrc: 2222,
          mid: '1',
          packetsReceived: c.packetsInVideo,
          packetsLost: 0,
          jitter: 0.018,
          bytesReceived: c.packetsInVideo * 900,
          framesPerSecond: 25,
          framesDecoded: c.framesDecoded,
          freezeCount: 0,
          totalFreezesDuration: 0,
          jitterBufferDelay: 0.04 * c.framesDecoded,
          jitterBufferEmittedCount: c.framesDecoded,
        },
        {
          id: 'OT01A1',
          type: 'outbound-rtp',
          timestamp: T,
          kind: 'audio',
          ssrc: 3333,
          mid: '0',
          packetsSent: 50 * s,
          bytesSent: 2_900 * s,
          mediaSourceId: 'SA1',
          remoteId: 'RIA1',
        },
        {
          id: 'OT01V1',
          type: 'outbound-rtp',
          timestamp: T,
          kind: 'video',
          ssrc: 4444,
          mid: '1',
          packetsSent: 160 * s,
          bytesSent: 120_000 * s,
          framesEncoded: 25 * s,
          framesPerSecond: 25,
          qualityLimitationReason: 'none',
          qualityLimitationDurations: { none: s, cpu: 0, bandwidth: 0, other: 0 },
          mediaSourceId: 'SV1',
          remoteId: 'RIV1',
        },
        {
          id: 'RIA1',
          type: 'remote-inbound-rtp',
          timestamp: T,
          kind: 'audio',
          ssrc: 3333,
          packetsLost: Math.floor(s / 40),
          jitter: 0.006,
          roundTripTime: 0.051,
          totalRoundTripTime: 0.051 * s,
          roundTripTimeMeasurements: s,
          fractionLost: 0,
          localId: 'OT01A1',
        },
        {
          id: 'RIV1',
          type: 'remote-inbound-rtp',
          timestamp: T,
          kind: 'video',
          ssrc: 4444,
          packetsLost: Math.floor(s / 30),
          jitter: 0.009,
          roundTripTime: 0.049,
          totalRoundTripTime: 0.049 * s,
          roundTripTimeMeasurements: s,
          fractionLost: 0,
          localId: 'OT01V1',
        },
        {
          id: 'ROA1',
          type: 'remote-outbound-rtp',
          timestamp: T,
          kind: 'audio',
          ssrc: 1111,
          packetsSent: c.packetsIn + c.lost,
          bytesSent: (c.packetsIn + c.lost) * 120,
          remoteTimestamp: T - 20,
          localId: 'IT01A1',
        },
        {
          id: 'SA1',
          type: 'media-source',
          timestamp: T,
          kind: 'audio',
          trackIdentifier: 'la1',
          audioLevel: speechFraction > 0 ? 0.2 : 0.001,
          totalAudioEnergy: c.audioEnergy,
          totalSamplesDuration: s,
        },
        {
          id: 'SV1',
          type: 'media-source',
          timestamp: T,
          kind: 'video',
          trackIdentifier: 'lv1',
          width: 640,
          height: 480,
          framesPerSecond: 25,
          frames: 25 * s,
        },
        {
          id: 'AP1',
          type: 'media-playout',
          timestamp: T,
          kind: 'audio',
          synthesizedSamplesDuration: 0.04,
          synthesizedSamplesEvents: 2,
          totalSamplesDuration: s,
          totalPlayoutDelay: 0.05 * s,
          totalSamplesCount: 48_000 * s,
        },
      ],
    };
  }

  private input(message: SessionMessage): SessionInput {
    return { participantId: this.id, role: 'member', message };
  }
}
