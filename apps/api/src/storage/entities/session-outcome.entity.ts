import { Column, Entity, PrimaryColumn } from 'typeorm';

/**
 * What the pipeline knew when a session ended: its last live snapshot (what the live view of
 * a finished session shows) and the session report (the `analyze` command's format). Written
 * once, at the end; a separate table so that listing sessions never reads these documents.
 */
@Entity({ name: 'session_outcome' })
export class SessionOutcome {
  @PrimaryColumn({ type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'jsonb', nullable: true })
  finalSnapshot!: object | null;

  @Column({ type: 'jsonb', nullable: true })
  report!: object | null;

  @Column({ type: 'timestamptz' })
  recordedAt!: Date;
}
