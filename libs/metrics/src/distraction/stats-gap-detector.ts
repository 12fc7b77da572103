import type { DistractionParameters } from './parameters';
import { subtractSpans, type TimeSpan } from './spans';
import { episodeOf, type DistractionEpisode } from './types';

/**
 * Browsers throttle timers in background tabs (Chrome: to once a second, and to once a minute
 * after some minutes hidden), so a getStats loop goes quiet while the tab is hidden. Such a gap
 * is the page being asleep, not the network failing: connectivity must not count it as a drop.
 *
 * A gap is throttling when the tab was hidden during it and no visible stretch inside it was
 * longer than `maxVisibleMs`: once the page is visible again reports resume within a poll, so
 * a gap that goes on while visible has another cause.
 */
export function isBackgroundThrottlingGap(
  gap: TimeSpan,
  hiddenSpans: readonly TimeSpan[],
  maxVisibleMs: number,
): boolean {
  const hiddenDuringGap = hiddenSpans.some((hidden) => hidden.start < gap.end && hidden.end > gap.start);
  return (
    hiddenDuringGap && subtractSpans(gap, hiddenSpans).every((visible) => visible.end - visible.start <= maxVisibleMs)
  );
}

/** Live form of the same rule for one member's reports and visibility. O(1) memory. */
export class StatsGapDetector {
  private lastReportAt: number | undefined;
  private hidden = false;
  private visibleSince = -Infinity;
  private hiddenDuringGap = false;
  private longestVisibleMs = 0;

  constructor(
    private readonly participantId: string,
    private readonly parameters: DistractionParameters,
  ) {}

  visibility(hidden: boolean, at: number): void {
    if (hidden && !this.hidden) {
      this.longestVisibleMs = Math.max(this.longestVisibleMs, this.visibleStretchUntil(at));
      this.hiddenDuringGap = true;
    } else if (!hidden && this.hidden) {
      this.visibleSince = at;
    }
    this.hidden = hidden;
  }

  report(at: number): DistractionEpisode[] {
    const previous = this.lastReportAt;
    if (previous !== undefined && at <= previous) return [];
    const minGapMs = this.parameters.statsGapMinSeconds * 1000;
    const longestVisibleMs = Math.max(this.longestVisibleMs, this.hidden ? 0 : this.visibleStretchUntil(at));
    const throttled =
      previous !== undefined && at - previous > minGapMs && this.hiddenDuringGap && longestVisibleMs <= minGapMs;
    this.lastReportAt = at;
    this.hiddenDuringGap = this.hidden;
    this.longestVisibleMs = 0;
    if (!throttled) return [];
    return [
      episodeOf({
        participantId: this.participantId,
        type: 'throttled-stats-gap',
        start: previous,
        end: at,
        endedBy: 'state',
      }),
    ];
  }

  private visibleStretchUntil(at: number): number {
    return Math.max(0, at - Math.max(this.visibleSince, this.lastReportAt ?? at));
  }
}
