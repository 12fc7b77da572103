/** Thresholds of the distraction observations (PRODUCT.md "Distraction and engagement observations"). */
export interface DistractionParameters {
  /** Background noise: an interval's mean level at or above this, with no voice activity… */
  backgroundNoiseMinLevelDbfs: number;
  /** …for at least this long. */
  backgroundNoiseMinSeconds: number;
  /**
   * Utterances arrive when they end, so a loud stretch is judged this long after it ends:
   * speech reported within this delay is not noise (the pipeline's bounded lateness).
   */
  backgroundNoiseDecisionDelaySeconds: number;
  /** A pause between two stats reports longer than this is a gap. */
  statsGapMinSeconds: number;
  /** Voice activity remembered per member to tell noise from speech. */
  recentUtterancesPerParticipant: number;
}

export const DEFAULT_DISTRACTION_PARAMETERS: Readonly<DistractionParameters> = Object.freeze({
  backgroundNoiseMinLevelDbfs: -45,
  backgroundNoiseMinSeconds: 1.5,
  backgroundNoiseDecisionDelaySeconds: 5,
  statsGapMinSeconds: 3,
  recentUtterancesPerParticipant: 16,
});
