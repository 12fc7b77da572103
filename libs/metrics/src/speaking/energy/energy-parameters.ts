/**
 * Tuning of the energy-stats speaking estimator. All levels are in dB relative to full scale
 * of the mean energy (10·log10 of mean audioLevel²). The defaults were tuned on simulated
 * 1 s polling of the AMI train meetings and checked on the dev meetings (docs/metrics.md, "Accuracy").
 */
export interface EnergySpeakingParameters {
  /** An interval may hold speech only when its level is this far above the noise floor. */
  candidateMarginDb: number;
  /** Noise floor tracking: share of the distance closed per interval when the level is below it. */
  noiseFallRate: number;
  /** …and, in energy, when the level is within the candidate margin above it (background). */
  noiseSettleRate: number;
  /** Slow climb when the level sits above the margin but clearly below speech (a louder room). */
  noiseRiseDbPerSecond: number;
  /** Levels within this distance of the speech level never move the noise floor up. */
  noiseSpeechGuardDb: number;
  /** Evidence of the speech level: interval at least this far above the floor… */
  speechEvidenceSnrDb: number;
  /** …with both neighbours at least this far above the floor (a run of speech, not a click)… */
  speechEvidenceNeighbourSnrDb: number;
  /** …and, once the level is known, no more than this below it (faint echo of others is not). */
  speechEvidenceGuardDb: number;
  /** The speech level is this quantile of the evidence. */
  speechLevelQuantile: number;
  /** The evidence fades over this many seconds of evidence (not of wall time). */
  speechEvidenceHorizonSeconds: number;
  /** Until this much evidence exists, a cold-start guess is used. */
  minSpeechEvidenceSeconds: number;
  /** Cold start: the speech level is at least this far above the floor… */
  coldStartSnrDb: number;
  /** …or this quantile of the loud intervals seen so far, whichever is higher. */
  coldStartLoudQuantile: number;
  /** Spread (standard deviation, dB) of 1 s speech levels before it can be measured, and its floor. */
  defaultSpeechSpreadDb: number;
  minSpeechSpreadDb: number;
  /** An interval between two speech-like neighbours is full speech if no quieter than this below the speech level. */
  fullIntervalDropDb: number;
  /** A neighbour is speech-like if no quieter than this below the speech level. */
  speechLikeNeighbourDropDb: number;
  /** Prior probability that an interval at the edge of a run of speech is full speech. */
  edgeFullPrior: number;
  /** Fractions below this are rounded to zero (clicks; a 30 ms "utterance" helps no metric). */
  minSpeakingFraction: number;
  /** Consecutive intervals further apart than this are not neighbours (a gap in reports). */
  maxNeighbourGapMs: number;
}

export const DEFAULT_ENERGY_SPEAKING_PARAMETERS: Readonly<EnergySpeakingParameters> = Object.freeze({
  candidateMarginDb: 6,
  noiseFallRate: 0.3,
  noiseSettleRate: 0.1,
  noiseRiseDbPerSecond: 0.05,
  noiseSpeechGuardDb: 10,
  speechEvidenceSnrDb: 12,
  speechEvidenceNeighbourSnrDb: 10,
  speechEvidenceGuardDb: 15,
  speechLevelQuantile: 0.5,
  speechEvidenceHorizonSeconds: 300,
  minSpeechEvidenceSeconds: 5,
  coldStartSnrDb: 30,
  coldStartLoudQuantile: 0.9,
  defaultSpeechSpreadDb: 4,
  minSpeechSpreadDb: 1,
  fullIntervalDropDb: 6,
  speechLikeNeighbourDropDb: 15,
  edgeFullPrior: 0.02,
  minSpeakingFraction: 0.03,
  maxNeighbourGapMs: 500,
});
