import type { RtcStatsLike, SessionInput, SessionMessage, SessionRole } from '../session-analyzer.contract';

/** Session start in tests: a multiple of the 10 s window, so windows start at whole seconds from here. */
export const T0 = 1_764_150_000_000;

/** Epoch ms of `seconds` after T0. */
export const t = (seconds: number): number => T0 + seconds * 1000;

export interface SecondOfMedia {
  /** Inbound packet loss this second, percent. */
  lossPct?: number;
  /** ICE round-trip time, ms. */
  rttMs?: number;
  /** Share of this second the member spoke (their own microphone), 0–1. */
  speechFraction?: number;
}

/** Levels of the simulated microphone (mean energy of audioLevel², dBFS). */
const ROOM_DBFS = -60;
const SPEECH_DBFS = -22;
const AUDIO_PACKETS_PER_SECOND = 50;

/**
 * One member's device as the protocol sees it: cumulative getStats() counters (inbound audio,
 * selected candidate pair, microphone media-source), utterances, client events. Deterministic:
 * loudness wobbles by a fixed pattern rather than at random.
 */
export class SimulatedDevice {
  private packetsReceived = 0;
  private packetsLost = 0;
  private totalAudioEnergy = 0;
  private totalSamplesDuration = 0;
  private seconds = 0;

  constructor(
    readonly participantId: string,
    readonly role: SessionRole = 'member',
    private readonly peerConnectionId = 'pc-0',
  ) {}

  join(second: number): SessionInput {
    return this.input({ kind: 'join', at: t(second) });
  }

  leave(second: number): SessionInput {
    return this.input({ kind: 'leave', at: t(second), reason: 'hangup' });
  }

  clientEvent(second: number, type: string, state: string): SessionInput {
    return this.input({ kind: 'client-event', at: t(second), type, state });
  }

  facilitatorEvent(second: number, code: string, participantId?: string): SessionInput {
    return this.input({ kind: 'facilitator-event', at: t(second), code, ...(participantId ? { participantId } : {}) });
  }

  /** Speech from `start` to `end` seconds, sent as a collector does: in chunks of at most 5 s. */
  utterances(start: number, end: number): SessionInput[] {
    const chunks: SessionInput[] = [];
    for (let from = start; from < end; from += 5) {
      chunks.push(this.input({ kind: 'utterance', start: t(from), end: t(Math.min(end, from + 5)) }));
    }
    return chunks;
  }

  /** The report at `second`, after one more second of media shaped by `media`. */
  stats(second: number, media: SecondOfMedia = {}): SessionInput {
    const { lossPct = 0, rttMs = 50, speechFraction = 0 } = media;
    const lost = Math.round((AUDIO_PACKETS_PER_SECOND * lossPct) / 100);
    this.packetsLost += lost;
    this.packetsReceived += AUDIO_PACKETS_PER_SECOND - lost;
    this.seconds += 1;
    const wobbleDb = 2 * Math.sin(this.seconds * 1.7);
    const energy = (db: number) => 10 ** ((db + wobbleDb) / 10);
    this.totalAudioEnergy += speechFraction * energy(SPEECH_DBFS) + (1 - speechFraction) * energy(ROOM_DBFS);
    this.totalSamplesDuration += 1;
    const timestamp = t(second);
    const object = (id: string, type: string, fields: Record<string, unknown>): RtcStatsLike => ({
      id,
      type,
      timestamp,
      ...fields,
    });
    const stats: RtcStatsLike[] = [
      object('T1', 'transport', { selectedCandidatePairId: 'CP1' }),
      object('CP1', 'candidate-pair', { state: 'succeeded', nominated: true, currentRoundTripTime: rttMs / 1000 }),
      object('IA1', 'inbound-rtp', {
        kind: 'audio',
        ssrc: 1,
        packetsReceived: this.packetsReceived,
        packetsLost: this.packetsLost,
        jitter: 0.004,
      }),
      object('SA1', 'media-source', {
        kind: 'audio',
        totalAudioEnergy: this.totalAudioEnergy,
        totalSamplesDuration: this.totalSamplesDuration,
      }),
    ];
    return this.input({ kind: 'stats', timestamp, peerConnectionId: this.peerConnectionId, stats });
  }

  private input(message: SessionMessage): SessionInput {
    return { participantId: this.participantId, role: this.role, message };
  }
}

/** Speech fraction of the second ending at `second` for speech during [start, end) seconds. */
export function speechIn(second: number, spans: ReadonlyArray<readonly [number, number]>): number {
  let fraction = 0;
  for (const [start, end] of spans) fraction += Math.max(0, Math.min(end, second) - Math.max(start, second - 1));
  return Math.min(1, fraction);
}
