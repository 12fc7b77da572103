import { Check, Column, CreateDateColumn, Entity, Index, JoinColumn, ManyToOne, PrimaryGeneratedColumn } from 'typeorm';
import { sqlOneOf } from './sql-one-of';
import { TherapySession } from './therapy-session.entity';

export const PARTICIPANT_ROLES = ['member', 'facilitator'] as const;
export type ParticipantRole = (typeof PARTICIPANT_ROLES)[number];

@Entity({ name: 'participant' })
@Index('ix_participant_session', ['sessionId'])
@Check('ck_participant_role', sqlOneOf('role', PARTICIPANT_ROLES))
export class Participant {
  @PrimaryGeneratedColumn('uuid')
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @ManyToOne(() => TherapySession, { onDelete: 'NO ACTION' })
  @JoinColumn({ name: 'session_id' })
  session?: TherapySession;

  @Column({ type: 'text' })
  displayName!: string;

  @Column({ type: 'text' })
  role!: ParticipantRole;

  /** Nothing about a member is stored before they consent (PRODUCT.md, privacy rules). */
  @Column({ type: 'boolean', default: false })
  consentStorage!: boolean;

  @Column({ type: 'boolean', default: false })
  consentResearch!: boolean;

  @Column({ type: 'timestamptz', nullable: true })
  consentUpdatedAt!: Date | null;

  @CreateDateColumn({ type: 'timestamptz' })
  createdAt!: Date;
}
