import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { sqlOneOf } from './sql-one-of';
import { TherapyGroup } from './therapy-group.entity';

export const SESSION_STATUSES = ['scheduled', 'live', 'ended'] as const;
export type SessionStatus = (typeof SESSION_STATUSES)[number];

@Entity({ name: 'therapy_session' })
@Index('ix_therapy_session_group_scheduled_start', ['groupId', 'scheduledStart'])
@Check('ck_therapy_session_status', sqlOneOf('status', SESSION_STATUSES))
export class TherapySession {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  groupId!: string;

  @ManyToOne(() => TherapyGroup, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'group_id' })
  group?: TherapyGroup;

  @Column({ type: 'text', nullable: true })
  title!: string | null;

  @Column({ type: 'timestamptz' })
  scheduledStart!: Date;

  @Column({ type: 'text', default: 'scheduled' })
  status!: SessionStatus;

  @Column({ type: 'timestamptz', nullable: true })
  startedAt!: Date | null;

  @Column({ type: 'timestamptz', nullable: true })
  endedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
