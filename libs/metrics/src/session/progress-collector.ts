import type { DistractionEpisode } from '../distraction';
import type { Utterance } from '../speaking';
import type { MetricWindowOutput, SessionProgress } from './session-analyzer.contract';

/** Accumulates what became final since the caller last asked. */
export class ProgressCollector {
  private windows: MetricWindowOutput[] = [];
  private episodes: DistractionEpisode[] = [];
  private estimatedUtterances: Utterance[] = [];

  window(window: MetricWindowOutput): void {
    this.windows.push(window);
  }

  episode(episode: DistractionEpisode): void {
    this.episodes.push(episode);
  }

  estimatedUtterance(utterance: Utterance): void {
    this.estimatedUtterances.push({
      participantId: utterance.participantId,
      start: utterance.start,
      end: utterance.end,
    });
  }

  get pending(): number {
    return this.windows.length + this.episodes.length + this.estimatedUtterances.length;
  }

  take(): SessionProgress {
    const progress = { windows: this.windows, episodes: this.episodes, estimatedUtterances: this.estimatedUtterances };
    this.windows = [];
    this.episodes = [];
    this.estimatedUtterances = [];
    return progress;
  }
}
