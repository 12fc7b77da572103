// The session analyzer: every per-participant and session-level metric of one session, on
// event time with bounded lateness. The contract (types) is shared with the live pipeline and
// the analyze command; docs/metrics.md "Session analyzer" describes the behaviour.
export * from './session-analyzer.contract';
export { SessionAnalyzer } from './session-analyzer';
export { sessionAnalysis, type SessionAnalysisOutput, type LiveClockOptions } from './session-analysis.operator';
export { eventTimeOf } from './message-time';
