import { DEFAULT_ENERGY_SPEAKING_PARAMETERS, type EnergySpeakingParameters } from './energy/energy-parameters';

/** Which turns take part in transitions (and so in response latency and member↔member ratio). */
export type TransitionTurns = 'substantive' | 'all';

/** Thresholds of the speaking metrics; defaults from PRODUCT.md "Voice activity and speaking". */
export interface SpeakingParameters {
  /** Utterances of one member closer than this are one turn. */
  turnMergeGapSeconds: number;
  /** A turn at least this long is substantive; shorter ones are backchannels. */
  substantiveTurnMinSeconds: number;
  /** Rolling window of speaking time and share. */
  rollingShareWindowSeconds: number;
  /** Rolling window of the facilitator's share of talk. */
  facilitatorShareWindowSeconds: number;
  /** Rolling window of balance (Gini, entropy). */
  balanceWindowSeconds: number;
  /** Width of the buckets of the rolling windows: their edges are exact to one bucket. */
  rollingBucketSeconds: number;
  /** j's turn follows i's when it starts at most this long after i's ends. */
  transitionMaxGapSeconds: number;
  /**
   * Backchannels ("mm-hm") do not take the floor, so by default transitions are counted
   * between substantive turns only; 'all' counts every turn.
   */
  transitionTurns: TransitionTurns;
  /** Interruption of A by B: overlap above this, B's turn longer than `interrupterMinTurnSeconds`, A stops first. */
  interruptionMinOverlapSeconds: number;
  interrupterMinTurnSeconds: number;
  /** Affirmation by B: overlap above this, B's turn shorter than `affirmationMaxSeconds` and ending before A's. */
  affirmationMinOverlapSeconds: number;
  affirmationMaxSeconds: number;
  /** Response latencies are gaps from i's end to j's start within [0, this]. */
  responseLatencyMaxSeconds: number;
  /** Pair relations (interruption, affirmation, transition) look this many turns back per other member. */
  recentTurnsPerParticipant: number;
  /** Energy fallback: pseudo-utterances are emitted in chunks of at most this length. */
  maxPseudoUtteranceSeconds: number;
  energy: EnergySpeakingParameters;
}

export const DEFAULT_SPEAKING_PARAMETERS: Readonly<SpeakingParameters> = Object.freeze({
  turnMergeGapSeconds: 0.5,
  substantiveTurnMinSeconds: 2,
  rollingShareWindowSeconds: 5 * 60,
  facilitatorShareWindowSeconds: 10 * 60,
  balanceWindowSeconds: 15 * 60,
  rollingBucketSeconds: 5,
  transitionMaxGapSeconds: 3,
  transitionTurns: 'substantive',
  interruptionMinOverlapSeconds: 1,
  interrupterMinTurnSeconds: 5,
  affirmationMinOverlapSeconds: 0.25,
  affirmationMaxSeconds: 2,
  responseLatencyMaxSeconds: 3,
  recentTurnsPerParticipant: 32,
  maxPseudoUtteranceSeconds: 5,
  energy: DEFAULT_ENERGY_SPEAKING_PARAMETERS,
});

export type SpeakingParameterOverrides = Partial<Omit<SpeakingParameters, 'energy'>> & {
  energy?: Partial<EnergySpeakingParameters>;
};

/** Defaults overridden by a partial configuration (the energy block may be partial too). */
export function resolveSpeakingParameters(overrides: SpeakingParameterOverrides = {}): SpeakingParameters {
  return {
    ...DEFAULT_SPEAKING_PARAMETERS,
    ...overrides,
    energy: { ...DEFAULT_ENERGY_SPEAKING_PARAMETERS, ...overrides.energy },
  };
}
