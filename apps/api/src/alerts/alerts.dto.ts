import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsInt, Max, Min } from 'class-validator';
import { ALERT_RULES, ALERT_SEVERITIES, type AlertChangeKind, type AlertRule, type AlertSeverity } from './rules/alert';
import type { AlertThresholdOverrides, AlertThresholds } from './rules/alert-thresholds';

export const MAX_SNOOZE_MINUTES = 240;

export class SnoozeAlertDto {
  @ApiProperty({ minimum: 1, maximum: MAX_SNOOZE_MINUTES, example: 10 })
  @IsInt()
  @Min(1)
  @Max(MAX_SNOOZE_MINUTES)
  minutes!: number;
}

export class AlertResponse {
  @ApiProperty({ format: 'uuid' })
  id!: string;

  @ApiProperty({ format: 'uuid' })
  sessionId!: string;

  @ApiPropertyOptional({ format: 'uuid', nullable: true, description: 'Resolve the name on the client' })
  participantId!: string | null;

  @ApiProperty({ enum: ALERT_RULES })
  rule!: AlertRule;

  @ApiProperty({ enum: ALERT_SEVERITIES })
  severity!: AlertSeverity;

  @ApiProperty({ example: 'No speech for 12 min while others speak' })
  message!: string;

  @ApiProperty({ enum: ['queued', 'raised', 'cleared', 'dropped', 'acknowledged', 'snoozed'] })
  status!: AlertStatus;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  queuedAt!: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  raisedAt!: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  clearedAt!: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  acknowledgedAt!: string | null;

  @ApiPropertyOptional({ format: 'date-time', nullable: true })
  snoozedUntil!: string | null;
}

/** Where an alert stands, derived from its times. */
export type AlertStatus = 'queued' | 'raised' | 'cleared' | 'dropped' | 'acknowledged' | 'snoozed';

/** One change, as the live gateway sends it. */
export interface AlertChangeEvent {
  kind: AlertChangeKind;
  alert: AlertResponse;
}

export class AlertSettingsResponse {
  @ApiProperty({ format: 'uuid' })
  organisationId!: string;

  @ApiProperty({ description: "The organisation's overrides only" })
  overrides!: AlertThresholdOverrides;

  @ApiProperty({ description: 'The thresholds in force: the defaults with the overrides applied' })
  effective!: AlertThresholds;
}
