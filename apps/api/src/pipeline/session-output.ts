import type { DistractionEpisode } from '@attune/metrics';
import type { MetricWindowOutput, SessionReport, SessionSnapshot } from './analyzer';

/** An estimated utterance with the seq of the speaker's latest envelope it drew on (see Utterance.seq). */
export interface EstimatedUtterance {
  participantId: string;
  start: number;
  end: number;
  seq: number;
}

/** Results that became final: written once each (upserts, so a rebuild may write them again). */
export interface FinalResults {
  windows: MetricWindowOutput[];
  episodes: DistractionEpisode[];
  estimatedUtterances: EstimatedUtterance[];
}

/**
 * Builds a live session's latest snapshot when asked (see LiveSession.latestSnapshot), so that
 * whoever serves snapshots to dashboards that join later need not keep each one for a second.
 */
export interface SnapshotSource {
  latestSnapshot(): SessionSnapshot | undefined;
}

/** What the per-session graph produces. */
export type SessionOutput =
  | { kind: 'snapshot'; snapshot: SessionSnapshot; source: SnapshotSource }
  | { kind: 'results'; sessionId: string; results: FinalResults }
  /**
   * The session ended (or was found ended): the analyzer is released. No report without data;
   * `lastSnapshot`: the live view as it last was, when there was one.
   */
  | { kind: 'ended'; sessionId: string; report?: SessionReport; lastSnapshot?: SessionSnapshot };
