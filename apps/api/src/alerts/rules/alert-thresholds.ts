/**
 * The thresholds of the live alerts (PRODUCT.md, "Live alerts"), each in the unit its name
 * says. An organisation may override any of them; the rest keep these defaults.
 */
export interface AlertThresholds {
  /** Quiet member: no substantive turn for this long while others speak. */
  quietSilenceMinutes: number;
  /** A member who has not spoken by this minute of the session. */
  neverSpokenByMinute: number;
  disconnectedSeconds: number;
  degradedSeconds: number;
  /** This many drops within the window. */
  dropCount: number;
  dropWindowMinutes: number;
  /** Dominance: a member's share of members' talk above `dominanceFactor / N` over the window. */
  dominanceFactor: number;
  dominanceWindowMinutes: number;
  cameraOffSeconds: number;
  noiseEpisodeCount: number;
  noiseWindowMinutes: number;
  /** Hysteresis: a condition must have been false this long before its alert clears. */
  clearDelaySeconds: number;
  /** No re-raise of the same rule for the same member this long after a clear or an acknowledgement. */
  cooldownMinutes: number;
  /** Session-wide: at most this many alerts raised per window; the rest queue. */
  rateLimitCount: number;
  rateLimitWindowMinutes: number;
}

export const DEFAULT_ALERT_THRESHOLDS: Readonly<AlertThresholds> = Object.freeze({
  quietSilenceMinutes: 10,
  neverSpokenByMinute: 20,
  disconnectedSeconds: 15,
  degradedSeconds: 30,
  dropCount: 2,
  dropWindowMinutes: 15,
  dominanceFactor: 2,
  dominanceWindowMinutes: 10,
  cameraOffSeconds: 120,
  noiseEpisodeCount: 3,
  noiseWindowMinutes: 10,
  clearDelaySeconds: 30,
  cooldownMinutes: 10,
  rateLimitCount: 3,
  rateLimitWindowMinutes: 5,
});

export type AlertThresholdOverrides = Partial<AlertThresholds>;

/** Thresholds that count things: whole numbers of at least 1. */
const COUNT_KEYS: ReadonlySet<keyof AlertThresholds> = new Set(['dropCount', 'noiseEpisodeCount', 'rateLimitCount']);
/** Upper bound for every value: a day in any unit is already far beyond a session. */
const MAX_VALUE = 1_440;

export interface ThresholdProblem {
  /** JSON Pointer into the overrides object. */
  path: string;
  reason: string;
}

/** Problems with an organisation's overrides; empty when they can be stored. */
export function validateThresholdOverrides(overrides: unknown): ThresholdProblem[] {
  if (typeof overrides !== 'object' || overrides === null || Array.isArray(overrides)) {
    return [{ path: '', reason: 'must be an object of threshold overrides' }];
  }
  const problems: ThresholdProblem[] = [];
  for (const [key, value] of Object.entries(overrides)) {
    if (!isThresholdKey(key)) {
      problems.push({
        path: `/${key}`,
        reason: `is not a threshold; known: ${Object.keys(DEFAULT_ALERT_THRESHOLDS).join(', ')}`,
      });
    } else if (typeof value !== 'number' || !Number.isFinite(value)) {
      problems.push({ path: `/${key}`, reason: 'must be a finite number' });
    } else if (COUNT_KEYS.has(key) && (!Number.isInteger(value) || value < 1)) {
      problems.push({ path: `/${key}`, reason: 'must be a whole number of at least 1' });
    } else if (key === 'dominanceFactor' && value < 1) {
      problems.push({ path: `/${key}`, reason: 'must be at least 1 (a fair share is 1/N)' });
    } else if (key === 'clearDelaySeconds' || key === 'cooldownMinutes') {
      if (value < 0 || value > MAX_VALUE)
        problems.push({ path: `/${key}`, reason: `must be between 0 and ${MAX_VALUE}` });
    } else if (value <= 0 || value > MAX_VALUE) {
      problems.push({ path: `/${key}`, reason: `must be more than 0 and at most ${MAX_VALUE}` });
    }
  }
  return problems;
}

/** The defaults with an organisation's (validated) overrides applied. */
export function effectiveThresholds(overrides: AlertThresholdOverrides | null | undefined): AlertThresholds {
  return { ...DEFAULT_ALERT_THRESHOLDS, ...(overrides ?? {}) };
}

function isThresholdKey(key: string): key is keyof AlertThresholds {
  return Object.prototype.hasOwnProperty.call(DEFAULT_ALERT_THRESHOLDS, key);
}
