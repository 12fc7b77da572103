/** How the live pipeline runs; the defaults are PRODUCT.md's. */
export interface PipelineSettings {
  /** Allowed lateness of event time: the analyzer counts later data instead of applying it in order. */
  latenessMs: number;
  /** Length of the stored metric windows. */
  windowSeconds: number;
  /** One snapshot per this much processing time per live session. */
  snapshotPeriodMs: number;
  /** Raw rows read per query when a session is rebuilt from the database. */
  replayPageRows: number;
  /** Sessions rebuilt at the same time (after a restart every live session needs one). */
  replayConcurrency: number;
  /** Results are written when this many rows wait, or this long after the first one arrived. */
  writeBatchRows: number;
  writeIntervalMs: number;
}

export const DEFAULT_PIPELINE_SETTINGS: PipelineSettings = {
  latenessMs: 5_000,
  windowSeconds: 10,
  snapshotPeriodMs: 1_000,
  replayPageRows: 1_000,
  replayConcurrency: 4,
  writeBatchRows: 2_000,
  writeIntervalMs: 1_000,
};

export const PIPELINE_SETTINGS = Symbol('PIPELINE_SETTINGS');
