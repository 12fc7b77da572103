import { DecayingLevelHistogram } from './decaying-level-histogram';
import type { EnergySpeakingParameters } from './energy-parameters';

type SpeechLevelParameters = Pick<
  EnergySpeakingParameters,
  | 'speechLevelQuantile'
  | 'speechEvidenceHorizonSeconds'
  | 'minSpeechEvidenceSeconds'
  | 'coldStartSnrDb'
  | 'coldStartLoudQuantile'
  | 'defaultSpeechSpreadDb'
  | 'minSpeechSpreadDb'
>;

export interface SpeechLevel {
  /** Typical (median) level of a second of the member's speech, dBFS. */
  readonly levelDb: number;
  /** Standard deviation of 1 s speech levels, dB. */
  readonly spreadDb: number;
  /** False while the level is still the cold-start guess. */
  readonly measured: boolean;
}

const HISTOGRAM_MIN_DB = -120;
const HISTOGRAM_MAX_DB = 0;
const HISTOGRAM_BIN_DB = 0.5;
/** Interquartile range of a normal distribution, in standard deviations. */
const NORMAL_IQR = 1.349;

/**
 * A member's own speech level and its spread, from seconds that are surely speech (the middle
 * of a run of loud intervals). Two fixed-size histograms, faded by seconds of evidence rather
 * than wall time: someone quiet for twenty minutes still sounds like themselves.
 */
export class SpeechLevelEstimator {
  private readonly evidence: DecayingLevelHistogram;
  private readonly loud: DecayingLevelHistogram;
  private evidenceSeconds = 0;
  private loudSeconds = 0;
  /**
   * The measured level, kept until the next evidence: it only changes then, and it is asked for
   * at least once per interval of every member, each time three walks through the histogram.
   */
  private measuredLevel: SpeechLevel | undefined;

  constructor(private readonly parameters: SpeechLevelParameters) {
    this.evidence = new DecayingLevelHistogram(
      HISTOGRAM_MIN_DB,
      HISTOGRAM_MAX_DB,
      HISTOGRAM_BIN_DB,
      parameters.speechEvidenceHorizonSeconds,
    );
    this.loud = new DecayingLevelHistogram(
      HISTOGRAM_MIN_DB,
      HISTOGRAM_MAX_DB,
      HISTOGRAM_BIN_DB,
      parameters.speechEvidenceHorizonSeconds,
    );
  }

  /** A second that is surely the member speaking. */
  addSpeechEvidence(levelDb: number, seconds: number): void {
    this.evidenceSeconds += seconds;
    this.evidence.add(levelDb, seconds, this.evidenceSeconds);
    this.measuredLevel = undefined;
  }

  /** A loud second, maybe only partly speech: used only until real evidence exists. */
  addLoudInterval(levelDb: number, seconds: number): void {
    this.loudSeconds += seconds;
    this.loud.add(levelDb, seconds, this.loudSeconds);
  }

  hasMeasuredLevel(): boolean {
    return this.evidence.weightAt(this.evidenceSeconds) >= this.parameters.minSpeechEvidenceSeconds;
  }

  current(noiseFloorDb: number): SpeechLevel {
    const { speechLevelQuantile, coldStartSnrDb, coldStartLoudQuantile, defaultSpeechSpreadDb, minSpeechSpreadDb } =
      this.parameters;
    if (this.measuredLevel) return this.measuredLevel;
    if (this.hasMeasuredLevel()) {
      const medianDb = this.evidence.quantileDb(speechLevelQuantile);
      const levelDb = medianDb ?? noiseFloorDb + coldStartSnrDb;
      const upperDb = this.evidence.quantileDb(0.75) ?? levelDb;
      const lowerDb = this.evidence.quantileDb(0.25) ?? levelDb;
      const measured = {
        levelDb,
        spreadDb: Math.max(minSpeechSpreadDb, (upperDb - lowerDb) / NORMAL_IQR),
        measured: true,
      };
      // Kept only when it does not depend on the noise floor (an empty histogram falls back to it).
      if (medianDb !== undefined) this.measuredLevel = measured;
      return measured;
    }
    const loudDb = this.loud.quantileDb(coldStartLoudQuantile);
    const guessDb = noiseFloorDb + coldStartSnrDb;
    return {
      levelDb: loudDb === undefined ? guessDb : Math.max(guessDb, loudDb),
      spreadDb: defaultSpeechSpreadDb,
      measured: false,
    };
  }
}
