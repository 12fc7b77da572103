import type { AlertRow } from '../storage/repositories';
import type { AlertResponse, AlertStatus } from './alerts.dto';
import type { Alert, AlertRule, AlertSeverity } from './rules/alert';

/** An alert as the rule engine holds it, as it is stored. */
export function alertRow(alert: Alert): AlertRow {
  return {
    id: alert.id,
    sessionId: alert.sessionId,
    participantId: alert.participantId,
    rule: alert.rule,
    severity: alert.severity,
    message: alert.message,
    queuedAt: toDate(alert.queuedAt),
    raisedAt: toDate(alert.raisedAt),
    clearedAt: toDate(alert.clearedAt),
    acknowledgedAt: toDate(alert.acknowledgedAt),
    snoozedUntil: toDate(alert.snoozedUntil),
  };
}

/** A stored alert, as clients see it. */
export function mapAlert(row: AlertRow): AlertResponse {
  return {
    id: row.id,
    sessionId: row.sessionId,
    participantId: row.participantId,
    // Written only by the alerts module, from ALERT_RULES and ALERT_SEVERITIES.
    rule: row.rule as AlertRule,
    severity: row.severity as AlertSeverity,
    message: row.message,
    status: statusOf(row),
    queuedAt: row.queuedAt?.toISOString() ?? null,
    raisedAt: row.raisedAt?.toISOString() ?? null,
    clearedAt: row.clearedAt?.toISOString() ?? null,
    acknowledgedAt: row.acknowledgedAt?.toISOString() ?? null,
    snoozedUntil: row.snoozedUntil?.toISOString() ?? null,
  };
}

function statusOf(row: AlertRow): AlertStatus {
  if (row.acknowledgedAt) return 'acknowledged';
  if (row.snoozedUntil) return 'snoozed';
  if (row.clearedAt) return row.raisedAt ? 'cleared' : 'dropped';
  return row.raisedAt ? 'raised' : 'queued';
}

function toDate(time: number | null): Date | null {
  return time === null ? null : new Date(time);
}
