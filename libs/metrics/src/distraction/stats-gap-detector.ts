import type { DistractionParameters } from './parameters';
import { episodeOf, type DistractionEpisode } from './types';

interface Span {
  start: number;
  end: number;
}

/**
 * Browsers throttle timers in background tabs (Chrome: to once a second, and to once a minute
 * after some minutes hidden), so a getStats loop goes quiet while the tab is hidden. Such a gap
 * is the page being asleep, not the network failing: connectivity must not count it as a drop.
 * True when the tab was hidden at any time during the gap.
 */
export function isBackgroundThrottlingGap(gap: Span, hiddenSpans: Iterable<Span>): boolean {
  for (const hidden of hiddenSpans) {
    if (hidden.start < gap.end && hidden.end > gap.start) return true;
  }
  return false;
}

/** Live form: watches one member's report times and tab visibility. O(1) memory. */
export class StatsGapDetector {
  private lastReportAt: number | undefined;
  private hiddenSinceLastReport = false;

  constructor(
    private readonly participantId: string,
    private readonly parameters: DistractionParameters,
  ) {}

  hidden(): void {
    this.hiddenSinceLastReport = true;
  }

  report(at: number, hiddenNow: boolean): DistractionEpisode[] {
    const previous = this.lastReportAt;
    const wasHidden = this.hiddenSinceLastReport;
    if (previous !== undefined && at <= previous) return [];
    this.lastReportAt = at;
    this.hiddenSinceLastReport = hiddenNow;
    if (previous === undefined || !wasHidden || at - previous <= this.parameters.statsGapMinSeconds * 1000) return [];
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
}
