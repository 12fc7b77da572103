// Speaking: utterances or energy stats in; turns, talk time, shares, turn-taking and balance out.
export * from './types';
export {
  DEFAULT_SPEAKING_PARAMETERS,
  resolveSpeakingParameters,
  type SpeakingParameterOverrides,
  type SpeakingParameters,
  type TransitionTurns,
} from './parameters';

export { DEFAULT_ENERGY_SPEAKING_PARAMETERS, type EnergySpeakingParameters } from './energy/energy-parameters';
export { dbToEnergy, energyToDb, intervalMeanEnergy } from './energy/decibels';
export { EnergySpeakingEstimator, estimateSpeakingFromEnergy } from './energy/energy-speaking-estimator';
export { posteriorSpeakingFraction } from './energy/posterior-speaking-fraction';
export { PseudoUtteranceBuilder, placeSpeech, pseudoUtterancesFromEstimates } from './energy/pseudo-utterances';

export { TurnTracker, mergeUtterancesIntoTurns } from './turns/turn-tracker';
export {
  isAffirmation,
  isInterruption,
  overlapMs,
  responseLatencySeconds,
  transitionGapMs,
} from './turn-taking/pair-relations';
export { memberToMemberRatio, type TransitionCount } from './turn-taking/member-to-member-ratio';
export type {
  AffirmationEvent,
  InterruptionEvent,
  TransitionEvent,
  TurnTakingEvent,
} from './turn-taking/turn-taking-events';
export { TurnTakingTracker, findTurnTakingEvents } from './turn-taking/turn-taking-tracker';
export { TurnTakingTotals, type ParticipantTurnTaking, type TurnTakingSummary } from './turn-taking/turn-taking-totals';

export { BucketedRollingTotal } from './talk/bucketed-rolling-total';
export { shareOfTalk, speakingShares } from './talk/speaking-shares';
export {
  createSpeakingRecord,
  neverSpoken,
  recordJoin,
  recordLeave,
  recordTalk,
  recordTurn,
  silenceStreakSeconds,
  type ParticipantRole,
  type ParticipantSpeakingRecord,
} from './talk/participant-speaking-record';

export type {
  ClockTick,
  JoinEvent,
  LeaveEvent,
  ParticipantSpeakingSnapshot,
  SessionEnd,
  SpeakingSessionInput,
  SpeakingSessionOutput,
  SpeakingSnapshot,
} from './speaking-session-events';
export { SpeakingSessionAnalyzer, analyzeSpeakingSession } from './speaking-session-analyzer';

export { speakingFractions, speakingFromEnergy, type EnergySpeakingInput } from './operators/speaking-from-energy';
export { turns } from './operators/turns';
export { speakingSession } from './operators/speaking-session';
