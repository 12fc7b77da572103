/**
 * The session analyzer as the pipeline sees it: the contract of libs/metrics/src/session, and
 * a factory so that tests can hand the pipeline a fake.
 */
import {
  eventTimeOf,
  SessionAnalyzer,
  type MetricWindowOutput,
  type SessionAnalyzerApi,
  type SessionAnalyzerOptions,
  type SessionInput,
  type SessionMessage,
  type SessionProgress,
  type SessionReport,
  type SessionSnapshot,
} from '@attune/metrics';

export { eventTimeOf };
export type {
  MetricWindowOutput,
  SessionAnalyzerApi,
  SessionAnalyzerOptions,
  SessionInput,
  SessionMessage,
  SessionProgress,
  SessionReport,
  SessionSnapshot,
};

export type SessionAnalyzerFactory = (options: SessionAnalyzerOptions) => SessionAnalyzerApi;

export const SESSION_ANALYZER_FACTORY = Symbol('SESSION_ANALYZER_FACTORY');

export const createSessionAnalyzer: SessionAnalyzerFactory = (options) => new SessionAnalyzer(options);

export function isEmptyProgress(progress: SessionProgress): boolean {
  return progress.windows.length === 0 && progress.episodes.length === 0 && progress.estimatedUtterances.length === 0;
}
