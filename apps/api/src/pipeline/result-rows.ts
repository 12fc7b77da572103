import type { EpisodeRow, EstimatedUtteranceRow, MetricWindowRow } from '../storage/repositories';
import type { FinalResults } from './session-output';

/**
 * The version of the metric definitions stored with each window (docs/metrics.md). Raise it
 * when a definition changes, so reports can tell old windows from recomputed ones.
 */
export const METRIC_VERSION = 1;

export interface ResultRows {
  windows: MetricWindowRow[];
  episodes: EpisodeRow[];
  utterances: EstimatedUtteranceRow[];
}

/** A session's final results as rows of metric_window, episode and utterance. */
export function resultRows(sessionId: string, results: FinalResults): ResultRows {
  return {
    windows: results.windows.map((window) => ({
      sessionId,
      participantId: window.participantId,
      windowStart: new Date(window.windowStart),
      windowSeconds: window.windowSeconds,
      metrics: window.metrics,
      metricVersion: METRIC_VERSION,
    })),
    episodes: results.episodes.map((episode) => ({
      sessionId,
      participantId: episode.participantId ?? null,
      type: episode.type,
      startAt: new Date(episode.start),
      endAt: new Date(episode.end),
      durationSeconds: episode.durationSeconds,
      endedBy: episode.endedBy,
      detail: episode.detail ?? null,
    })),
    utterances: results.estimatedUtterances.map((utterance) => ({
      sessionId,
      participantId: utterance.participantId,
      startAt: new Date(utterance.start),
      endAt: new Date(utterance.end),
      seq: utterance.seq,
    })),
  };
}
