import { constants, PerformanceObserver } from 'node:perf_hooks';

/**
 * The full (mark-compact) garbage collections of this thread while observed: how many, and the
 * heap just after each (about what was live then). At a thousand sessions they set the snapshot
 * latency's tail (docs/metrics.md "Performance"), so the latency part prints them beside it.
 */
export class FullCollections {
  private readonly heapAfterMb: number[] = [];
  private readonly observer = new PerformanceObserver((list) => {
    for (const entry of list.getEntries()) {
      // A 'gc' entry's detail says which kind of collection it was (Node ≥ 16).
      const kind = (entry as { detail?: { kind?: number } }).detail?.kind;
      if (kind === constants.NODE_PERFORMANCE_GC_MAJOR) this.heapAfterMb.push(process.memoryUsage().heapUsed / 2 ** 20);
    }
  });

  start(): void {
    this.observer.observe({ entryTypes: ['gc'] });
  }

  stop(): void {
    this.observer.disconnect();
  }

  /** "3 (heap after: 175–198 MB)", or "none". */
  describe(): string {
    const heaps = this.heapAfterMb;
    if (heaps.length === 0) return 'none';
    const low = Math.round(Math.min(...heaps));
    const high = Math.round(Math.max(...heaps));
    return `${heaps.length} (heap after: ${low === high ? low : `${low}–${high}`} MB)`;
  }
}
