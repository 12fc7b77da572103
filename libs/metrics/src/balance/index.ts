export { giniCoefficient } from './gini';
export { normalisedEntropy } from './normalised-entropy';
export { speakingBalance, type SpeakingBalance } from './speaking-balance';
