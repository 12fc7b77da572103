import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/** Speech start and end times from the member's own voice-activity detection; no content. */
@Entity({ name: 'utterance' })
@Index('ix_utterance_session_participant_start', ['sessionId', 'participantId', 'startAt'])
export class Utterance {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'uuid' })
  participantId!: string;

  @Column({ type: 'timestamptz' })
  startAt!: Date;

  @Column({ type: 'timestamptz' })
  endAt!: Date;

  @Column({ type: 'bigint' })
  seq!: string;
}
