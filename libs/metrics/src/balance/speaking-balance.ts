import { giniCoefficient } from './gini';
import { normalisedEntropy } from './normalised-entropy';

/** Balance of talk among a set of participants (normally the members present). */
export interface SpeakingBalance {
  /** Number of participants the balance is over (N). */
  participantCount: number;
  totalTalkSeconds: number;
  /** null when N < 2 or nobody talked. */
  gini: number | null;
  /** null when N < 2 or nobody talked. */
  normalisedEntropy: number | null;
}

/**
 * Gini and normalised entropy over the given talk times. The caller chooses who counts:
 * PRODUCT.md's default is the members present, facilitator excluded, so pass only theirs.
 */
export function speakingBalance(talkSeconds: readonly number[]): SpeakingBalance {
  return {
    participantCount: talkSeconds.length,
    totalTalkSeconds: talkSeconds.reduce((sum, value) => sum + value, 0),
    gini: giniCoefficient(talkSeconds),
    normalisedEntropy: normalisedEntropy(talkSeconds),
  };
}
