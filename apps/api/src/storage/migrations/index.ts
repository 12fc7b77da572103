import { InitialSchema1795694979046 } from './1795694979046-initial-schema';
import { PipelineOutputs1795697594204 } from './1795697594204-pipeline-outputs';
import { Alerts1795700012424 } from './1795700012424-alerts';
import { SessionOutcomes1795800000000 } from './1795800000000-session-outcomes';
import { StatsLz4Compression1795900000000 } from './1795900000000-stats-lz4-compression';

/** Listed explicitly, in order, not globbed, so that every build (tsc, swc, a bundle) finds them. */
export const STORAGE_MIGRATIONS = [
  InitialSchema1795694979046,
  PipelineOutputs1795697594204,
  Alerts1795700012424,
  SessionOutcomes1795800000000,
  StatsLz4Compression1795900000000,
];
