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

/** What the per-session graph produces. */
export type SessionOutput =
  | { kind: 'snapshot'; snapshot: SessionSnapshot }
  | { kind: 'results'; sessionId: string; results: FinalResults }
  /** The session ended (or was found ended): the analyzer is released. No report without data. */
  | { kind: 'ended'; sessionId: string; report?: SessionReport };
