export { DEFAULT_CONNECTIVITY_THRESHOLDS } from './thresholds';
export type { ConnectivityThresholds } from './thresholds';
export { estimateMos, effectiveLatencyMs, rFactor, rFactorToMos } from './mos';
export type { MosInputs } from './mos';
export { EMPTY_TALLY, IntervalSums, addIntervalToTally, mergeTallies, mutableTally } from './tally';
export { IntervalSumsReader } from './interval-sums-reader';
export type { ConnectivityTally, MutableTally, PacketTally, GaugeTally, FrameTally } from './tally';
export { summarizeTally, lossPct } from './metrics';
export type { CallQuality, ConnectivityMetrics, RttSource } from './metrics';
export { intervalHealth } from './interval-health';
export type { IntervalHealth } from './interval-health';
export {
  intervalInput,
  ICE_CONNECTION_STATES,
  PEER_CONNECTION_STATES,
  isIceConnectionState,
  isPeerConnectionState,
} from './connectivity-input';
export type { ConnectivityInput, IceConnectionState, PeerConnectionState } from './connectivity-input';
export { NO_LINKS, applyLinkEvent, participantLink, linkConditionOf } from './link-conditions';
export type { LinkConditions, LinkCondition, ParticipantLink, LinkUpdate } from './link-conditions';
export {
  CONNECTION_STATES,
  INITIAL_CONNECTION_MACHINE,
  NO_SECONDS,
  stepConnection,
  advanceConnectionClock,
} from './connection-state-machine';
export type {
  ConnectionState,
  ConnectionMachine,
  ConnectionStep,
  ConnectionTransition,
  ConnectionCounters,
  TransitionCause,
  SecondsByState,
} from './connection-state-machine';
export { connectionStates, snapshotOf, minutesLost } from './connection-states.operator';
export type { ConnectionSnapshot } from './connection-states.operator';
export { withEventTimeTicks } from './event-time-ticks';
export type { EventTimeTickOptions } from './event-time-ticks';
export {
  INITIAL_WINDOWS_STATE,
  MAX_CLOCK_JUMP_MS,
  advanceWindows,
  stepWindows,
  flushWindows,
  connectivityWindows,
  mutableWindowsState,
} from './windows';
export type { ConnectivityWindow, MutableWindowsState, WindowsState, WindowsStep } from './windows';
export { EMPTY_SESSION, addWindowToSession, summarizeSession, connectivitySession } from './session-summary';
export type { SessionAccumulator, ConnectivitySessionSummary } from './session-summary';
