// Distraction and engagement observations: episodes from client, facilitator and stats events.
export * from './types';
export { DEFAULT_DISTRACTION_PARAMETERS, type DistractionParameters } from './parameters';
export {
  activeStateEpisodes,
  INITIAL_ATTENTION_STATE,
  nextAttentionState,
  STATE_EPISODE_TYPES,
  type AttentionState,
  type StateEpisodeType,
} from './attention-state';
export { BackgroundNoiseDetector } from './background-noise-detector';
export { subtractSpans, type TimeSpan } from './spans';
export { isBackgroundThrottlingGap, StatsGapDetector } from './stats-gap-detector';
export { DistractionTracker, findDistractionEpisodes, type OngoingEpisode } from './distraction-tracker';
export { distractionEpisodes } from './operators/distraction-episodes';
