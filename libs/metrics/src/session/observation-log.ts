import type { DistractionEpisode, DistractionEpisodeType, OngoingEpisode } from '../distraction';
import { RingBuffer } from '../speaking/common/ring-buffer';

/** Closed episodes remembered per participant for the windows still to be emitted. */
const RECENT_EPISODES = 32;

/** Episode types summed into a window's `…Seconds` metrics, with their metric names. */
export const WINDOW_OBSERVATION_SECONDS: ReadonlyArray<readonly [DistractionEpisodeType, string]> = [
  ['tab-hidden', 'hiddenSeconds'],
  ['window-blur', 'windowBlurSeconds'],
  ['camera-off', 'cameraOffSeconds'],
  ['mic-muted', 'mutedSeconds'],
  ['privacy-pause', 'privacyPauseSeconds'],
  ['talk-while-muted', 'talkWhileMutedSeconds'],
  ['background-noise', 'backgroundNoiseSeconds'],
];

/**
 * One participant's observations: running totals for the report, and the few most recent
 * closed episodes so that a window emitted a little after its end still sees what happened in
 * it. Open episodes are not kept here (the distraction tracker knows them).
 */
export class ObservationLog {
  private readonly recent = new RingBuffer<DistractionEpisode>(RECENT_EPISODES);
  private readonly seconds = new Map<DistractionEpisodeType, number>();
  private readonly counts = new Map<DistractionEpisodeType, number>();

  add(episode: DistractionEpisode): void {
    this.recent.push(episode);
    this.seconds.set(episode.type, (this.seconds.get(episode.type) ?? 0) + episode.durationSeconds);
    this.counts.set(episode.type, (this.counts.get(episode.type) ?? 0) + 1);
  }

  totalSeconds(type: DistractionEpisodeType): number {
    return this.seconds.get(type) ?? 0;
  }

  count(type: DistractionEpisodeType): number {
    return this.counts.get(type) ?? 0;
  }

  /** Seconds of each type within [start, end), closed and still-open episodes alike; types seen in it. */
  within(start: number, end: number, open: readonly OngoingEpisode[]): Map<DistractionEpisodeType, number> {
    const seconds = new Map<DistractionEpisodeType, number>();
    const add = (type: DistractionEpisodeType, from: number, to: number) => {
      const overlap = Math.min(to, end) - Math.max(from, start);
      const instantInside = from === to && from >= start && from < end;
      if (overlap > 0 || instantInside) seconds.set(type, (seconds.get(type) ?? 0) + Math.max(0, overlap) / 1000);
    };
    for (const episode of this.recent.newestFirst()) add(episode.type, episode.start, episode.end);
    for (const episode of open) add(episode.type, episode.start, Infinity);
    return seconds;
  }
}
