import { NoiseFloor } from './noise-floor';

/** PRODUCT.md, "Voice activity and speaking". */
export const VAD_DEFAULTS = {
  frameMs: 50,
  /** Speech when the level is this far above the noise floor… */
  marginOverFloorDb: 12,
  /** …and above this absolute level, so a silent room's floor does not make every click speech. */
  minimumSpeechDb: -50,
  /** An utterance starts when this many of the last `onsetWindowFrames` frames are speech. */
  onsetFrames: 2,
  onsetWindowFrames: 3,
  /** It ends this long after the last speech frame. */
  releaseMs: 750,
  /**
   * A longer utterance is sent in pieces of at most this long while it goes on, so the server
   * counts it live (its speaking watermark waits this long for device utterances, and no more).
   * Each piece starts where the last ended; the server merges touching pieces into one turn.
   */
  maxUtteranceMs: 5000,
  noiseFloorWindowMs: 60_000,
  noiseFloorPercentile: 0.1,
} as const;

export type VadParameters = { -readonly [Key in keyof typeof VAD_DEFAULTS]: number };

export interface Utterance {
  /** Epoch ms: start of the first speech frame. */
  start: number;
  /** Epoch ms: end of the last speech frame. */
  end: number;
}

/**
 * Frames of level (dBFS) in, finished utterances out. Pure and clock-free: the caller passes
 * each frame's start time, so tests feed synthetic frames and the browser feeds Web Audio.
 */
export class VoiceActivityDetector {
  private readonly parameters: VadParameters;
  private readonly floor: NoiseFloor;
  /** Start times of the recent frames, NaN for a non-speech frame, newest last. */
  private readonly recent: number[] = [];
  private utteranceStart: number | undefined;
  private lastSpeechEnd = 0;

  constructor(parameters: Partial<VadParameters> = {}) {
    this.parameters = { ...VAD_DEFAULTS, ...parameters };
    this.floor = new NoiseFloor(
      this.parameters.noiseFloorWindowMs,
      this.parameters.frameMs,
      this.parameters.noiseFloorPercentile,
    );
  }

  get speaking(): boolean {
    return this.utteranceStart !== undefined;
  }

  /** The threshold the next frame is judged against (dBFS). */
  threshold(): number {
    const floor = this.floor.level();
    const { marginOverFloorDb, minimumSpeechDb } = this.parameters;
    return floor === undefined ? minimumSpeechDb : Math.max(floor + marginOverFloorDb, minimumSpeechDb);
  }

  /** Feeds one frame; returns the utterance this frame finished, if any. */
  addFrame(startMs: number, levelDb: number): Utterance | undefined {
    const { frameMs, onsetFrames, onsetWindowFrames, releaseMs } = this.parameters;
    const isSpeech = levelDb > this.threshold();
    this.floor.add(startMs, levelDb);
    this.recent.push(isSpeech ? startMs : Number.NaN);
    if (this.recent.length > onsetWindowFrames) this.recent.shift();

    if (this.utteranceStart === undefined) {
      const speechStarts = this.recent.filter((start) => !Number.isNaN(start));
      if (speechStarts.length >= onsetFrames) {
        this.utteranceStart = speechStarts[0];
        this.lastSpeechEnd = startMs + frameMs;
      }
      return undefined;
    }
    if (isSpeech) {
      this.lastSpeechEnd = startMs + frameMs;
      return this.lastSpeechEnd - this.utteranceStart >= this.parameters.maxUtteranceMs ? this.piece() : undefined;
    }
    return startMs + frameMs - this.lastSpeechEnd >= releaseMs ? this.finish() : undefined;
  }

  /** Ends an utterance in progress at its last speech frame (the track stopped, or collection did). */
  flush(): Utterance | undefined {
    return this.utteranceStart === undefined ? undefined : this.finish();
  }

  /** The utterance so far, sent now; it goes on from where this piece ends. */
  private piece(): Utterance {
    const piece = { start: this.utteranceStart ?? this.lastSpeechEnd, end: this.lastSpeechEnd };
    this.utteranceStart = this.lastSpeechEnd;
    return piece;
  }

  private finish(): Utterance {
    const utterance = { start: this.utteranceStart ?? this.lastSpeechEnd, end: this.lastSpeechEnd };
    this.utteranceStart = undefined;
    this.recent.length = 0;
    return utterance;
  }
}
