import { Check, Column, Entity, Index, PrimaryColumn } from 'typeorm';
import { sqlOneOf } from './sql-one-of';

/** Restated from the alerts module's rules so that storage does not depend on it. */
export const ALERT_SEVERITY_VALUES = ['gentle', 'standard'] as const;

/**
 * A live alert of a session (apps/api/src/alerts), written whenever it changes: queued,
 * raised, cleared, dropped unseen, acknowledged or snoozed. The message never names anyone;
 * the dashboard resolves `participant_id`. Times are event time.
 */
@Entity({ name: 'alert' })
@Index('ix_alert_session_id', ['sessionId'])
@Check('ck_alert_severity', sqlOneOf('severity', ALERT_SEVERITY_VALUES))
export class AlertRecord {
  /** Made by the alerts module, so that a change can be announced before it is stored. */
  @PrimaryColumn({ type: 'uuid' })
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'uuid', nullable: true })
  participantId!: string | null;

  /** 'quiet-member', 'disconnected', … (ALERT_RULES). */
  @Column({ type: 'text' })
  rule!: string;

  @Column({ type: 'text' })
  severity!: string;

  @Column({ type: 'text' })
  message!: string;

  @Column({ type: 'timestamptz', nullable: true })
  raisedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  clearedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  acknowledgedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  snoozedUntil!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  queuedAt!: Date | null;
}
