/** The rules of PRODUCT.md "Live alerts", in the order they are checked. */
export const ALERT_RULES = [
  'disconnected',
  'degraded',
  'repeated-drops',
  'quiet-member',
  'never-spoken',
  'dominance',
  'camera-off',
  'background-noise',
] as const;
export type AlertRule = (typeof ALERT_RULES)[number];

/** `gentle` alerts are shown unobtrusively (camera off is often a member's choice). */
export const ALERT_SEVERITIES = ['gentle', 'standard'] as const;
export type AlertSeverity = (typeof ALERT_SEVERITIES)[number];

/**
 * One alert of a session. Times are event time (epoch ms). A queued alert has `queuedAt` and
 * no `raisedAt` yet; one dropped from the queue has `clearedAt` and never a `raisedAt`.
 */
export interface Alert {
  id: string;
  sessionId: string;
  /** Null for alerts about the whole session (none yet). */
  participantId: string | null;
  rule: AlertRule;
  severity: AlertSeverity;
  /** An observation, never a label, and never a name: the dashboard resolves the participant. */
  message: string;
  queuedAt: number | null;
  raisedAt: number | null;
  clearedAt: number | null;
  acknowledgedAt: number | null;
  snoozedUntil: number | null;
}

export type AlertChangeKind = 'raised' | 'queued' | 'cleared' | 'dropped' | 'acknowledged' | 'snoozed';

/** What happened to an alert, with the alert as it is now. */
export interface AlertChange {
  kind: AlertChangeKind;
  alert: Alert;
}
