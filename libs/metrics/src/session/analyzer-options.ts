import { DEFAULT_CONNECTIVITY_THRESHOLDS, type ConnectivityThresholds } from '../connectivity';
import { DEFAULT_DISTRACTION_PARAMETERS, type DistractionParameters } from '../distraction';
import { resolveSpeakingParameters, type SpeakingParameters } from '../speaking';
import type { SessionAnalyzerOptions } from './session-analyzer.contract';

/** Every option with its value: defaults from PRODUCT.md, overridden by the caller's. */
export interface ResolvedAnalyzerOptions {
  sessionId: string;
  latenessMs: number;
  sourceDisorderMs: number;
  windowMs: number;
  /**
   * The connectivity windows close as soon as the watermark passes them: the analyzer's reorder
   * buffer has already waited for late data, so their own allowed lateness is 0.
   */
  connectivity: ConnectivityThresholds;
  speaking: SpeakingParameters;
  distraction: DistractionParameters;
  maxDeviceUtteranceMs: number;
  scaleNoReportTimeoutsToPolling: boolean;
  hiddenTabNoReportSeconds: { reconnecting: number; disconnected: number };
  maxBufferedMessages: number;
}

export function resolveAnalyzerOptions(options: SessionAnalyzerOptions): ResolvedAnalyzerOptions {
  const windowSeconds = options.windowSeconds ?? options.connectivity?.windowSeconds ?? 10;
  if (!(windowSeconds > 0)) throw new RangeError(`windowSeconds must be > 0 (got ${windowSeconds})`);
  const latenessMs = options.latenessMs ?? 5_000;
  if (!(latenessMs >= 0)) throw new RangeError(`latenessMs must be >= 0 (got ${latenessMs})`);
  const sourceDisorderMs = Math.min(options.sourceDisorderMs ?? 1_000, latenessMs);
  if (!(sourceDisorderMs >= 0)) throw new RangeError(`sourceDisorderMs must be >= 0 (got ${sourceDisorderMs})`);
  return {
    sessionId: options.sessionId,
    latenessMs,
    sourceDisorderMs,
    windowMs: windowSeconds * 1000,
    connectivity: {
      ...DEFAULT_CONNECTIVITY_THRESHOLDS,
      ...options.connectivity,
      windowSeconds,
      allowedLatenessSeconds: 0,
    },
    speaking: resolveSpeakingParameters(options.speaking),
    distraction: { ...DEFAULT_DISTRACTION_PARAMETERS, ...options.distraction },
    maxDeviceUtteranceMs: (options.maxDeviceUtteranceSeconds ?? 5) * 1000,
    scaleNoReportTimeoutsToPolling: options.scaleNoReportTimeoutsToPolling ?? true,
    hiddenTabNoReportSeconds: options.hiddenTabNoReportSeconds ?? { reconnecting: 65, disconnected: 75 },
    maxBufferedMessages: options.maxBufferedMessages ?? 100_000,
  };
}
