/**
 * Structural input and output shapes of the speaking metrics. libs/metrics depends on nothing
 * of ours, so these are the minimal fields the functions read; richer objects (protocol
 * messages, normaliser output) fit as long as they carry these fields.
 *
 * Every time is event time in epoch milliseconds (the client's own timestamps).
 */

/** A stretch of voice activity of one participant: from the device's VAD, or a pseudo-utterance. */
export interface Utterance {
  participantId: string;
  /** Epoch ms. */
  start: number;
  /** Epoch ms, > start. */
  end: number;
}

/**
 * "Everything this participant said before `at` has been delivered." Closes turns that are
 * waiting to see whether the speaker continues. Without `participantId` it applies to everyone
 * (session end, or a pipeline-wide watermark).
 */
export interface SpeechWatermark {
  kind: 'watermark';
  at: number;
  participantId?: string;
}

export type SpeechInput = Utterance | SpeechWatermark;

export function isSpeechWatermark(input: SpeechInput): input is SpeechWatermark {
  return 'kind' in input && input.kind === 'watermark';
}

/** A participant's utterances merged across short gaps (PRODUCT.md "Turns"). */
export interface Turn {
  participantId: string;
  start: number;
  end: number;
  durationSeconds: number;
  /** Seconds of actual voice activity inside the turn (the gaps it bridged are not talk). */
  speakingSeconds: number;
  utteranceCount: number;
  /** ≥ substantiveTurnMinSeconds; shorter turns are backchannels. */
  substantive: boolean;
}

/**
 * A turn as the live operator sees it: `open` while the speaker may still continue (its end
 * grows), then exactly once with `closed`.
 */
export interface TurnUpdate extends Turn {
  status: 'open' | 'closed';
}

/**
 * One report interval of a member's `media-source` (audio) counters, already turned into
 * deltas by the normaliser. The interval covers (at − intervalSeconds·1000, at].
 */
export interface EnergyInterval {
  /** Epoch ms of the report that closes the interval. */
  at: number;
  intervalSeconds: number;
  /** Δ totalAudioEnergy: Σ audioLevel² × frame duration over the interval. */
  deltaTotalAudioEnergy: number;
  /** Δ totalSamplesDuration, seconds of audio captured in the interval. */
  deltaTotalSamplesDuration: number;
}

export interface ParticipantEnergyInterval extends EnergyInterval {
  participantId: string;
}

/** The energy estimator's verdict on one report interval. */
export interface SpeakingFractionEstimate {
  participantId: string;
  /** Epoch ms: the interval (start, end]. */
  start: number;
  end: number;
  /** Estimated share of the interval that was speech, in [0, 1]. */
  fraction: number;
  /**
   * fraction × the interval's length. (Audio duration and wall time agree to a frame per
   * interval; using the interval keeps pseudo-utterances, which are placed in wall time, summing
   * exactly to these seconds.)
   */
  speakingSeconds: number;
  /** Mean level of the interval in dBFS (20·log10 √(ΔE/ΔT)); null when there was no audio. */
  levelDbfs: number | null;
  /** The member's current noise-floor and typical-speech estimates, in dBFS. */
  noiseFloorDbfs: number;
  speechLevelDbfs: number;
  /** Speech probably runs across the interval's start (the previous interval's speech reached its end). */
  touchesStart: boolean;
  /** Speech probably runs on into the next interval (which is loud enough to hold speech). */
  touchesEnd: boolean;
}
