import { Injectable } from '@nestjs/common';
import { map, type Observable } from 'rxjs';
import type { AlertResponse } from '../alerts/alerts.dto';
import { AlertsService } from '../alerts/alerts.service';
import type { LiveAlert } from './live-events';

/**
 * What the gateway needs of the alerts module: a session's shown alerts (the full list, now
 * and after every change), and acknowledging or snoozing one of that session's alerts.
 */
export interface LiveAlertsSource {
  alerts$(sessionId: string): Observable<LiveAlert[]>;
  acknowledge(sessionId: string, alertId: string): Promise<void>;
  snooze(sessionId: string, alertId: string, minutes: number): Promise<void>;
}

export const LIVE_ALERTS = Symbol('LIVE_ALERTS');

/** The alerts module behind the live view's seam. */
@Injectable()
export class AlertsModuleSource implements LiveAlertsSource {
  constructor(private readonly alerts: AlertsService) {}

  alerts$(sessionId: string): Observable<LiveAlert[]> {
    return this.alerts
      .shownAlerts$(sessionId)
      .pipe(map((alerts) => alerts.filter((alert) => alert.raisedAt !== null).map(toLiveAlert)));
  }

  async acknowledge(sessionId: string, alertId: string): Promise<void> {
    await this.alerts.acknowledge(alertId, sessionId);
  }

  async snooze(sessionId: string, alertId: string, minutes: number): Promise<void> {
    await this.alerts.snooze(alertId, minutes, sessionId);
  }
}

export function toLiveAlert(alert: AlertResponse): LiveAlert {
  return {
    id: alert.id,
    rule: alert.rule,
    severity: alert.severity,
    participantId: alert.participantId,
    message: alert.message,
    raisedAt: Date.parse(alert.raisedAt ?? alert.queuedAt ?? new Date(0).toISOString()),
    status: liveStatus(alert.status),
    snoozedUntil: alert.snoozedUntil ? Date.parse(alert.snoozedUntil) : null,
  };
}

function liveStatus(status: AlertResponse['status']): LiveAlert['status'] {
  switch (status) {
    case 'raised':
    case 'queued':
      return 'open';
    case 'acknowledged':
      return 'acknowledged';
    case 'snoozed':
      return 'snoozed';
    case 'cleared':
    case 'dropped':
      return 'cleared';
  }
}
