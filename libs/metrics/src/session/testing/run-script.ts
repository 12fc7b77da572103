import { eventTimeOf } from '../message-time';
import type { SessionAnalyzer } from '../session-analyzer';
import type { SessionInput, SessionProgress, SessionSnapshot } from '../session-analyzer.contract';

export interface ScriptRun {
  progress: SessionProgress;
  /** Snapshots taken right after advancing to the requested event times. */
  snapshots: Map<number, SessionSnapshot>;
}

/**
 * Feeds inputs in event-time order, advancing the analyzer once a second of event time, as the
 * live pipeline does; collects everything that became final and snapshots at `snapshotAt`.
 */
export function runScript(
  analyzer: SessionAnalyzer,
  inputs: readonly SessionInput[],
  untilMs: number,
  snapshotAt: readonly number[] = [],
): ScriptRun {
  const ordered = [...inputs].sort((a, b) => eventTimeOf(a.message) - eventTimeOf(b.message));
  const progress: SessionProgress = { windows: [], episodes: [], estimatedUtterances: [] };
  const collect = (more: SessionProgress) => {
    progress.windows.push(...more.windows);
    progress.episodes.push(...more.episodes);
    progress.estimatedUtterances.push(...more.estimatedUtterances);
  };
  const snapshots = new Map<number, SessionSnapshot>();
  const pendingSnapshots = [...snapshotAt].sort((a, b) => a - b);
  let index = 0;
  const start = ordered.length > 0 ? eventTimeOf(ordered[0].message) : untilMs;
  for (let now = Math.floor(start / 1000) * 1000; now <= untilMs; now += 1000) {
    while (index < ordered.length && eventTimeOf(ordered[index].message) <= now) analyzer.push(ordered[index++]);
    collect(analyzer.advanceTo(now));
    while (pendingSnapshots.length > 0 && pendingSnapshots[0] <= now) {
      const requested = pendingSnapshots.shift() as number;
      snapshots.set(requested, analyzer.snapshot(now));
    }
  }
  return { progress, snapshots };
}
