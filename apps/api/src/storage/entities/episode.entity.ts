import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * A closed distraction or engagement observation ("tab hidden 2 min"), as the live pipeline
 * found it: what reports and exports read, so they never recompute it from raw events.
 *
 * The pipeline may write an episode more than once (a rebuild after a restart replays the
 * session), so writes are upserts on (session, participant, type, start). A facilitator's
 * observation about the whole group has no participant; the unique index is NULLS NOT
 * DISTINCT so those upsert too. TypeORM cannot express that, so the index is written by hand
 * in the migration (see MetricWindow).
 */
@Entity({ name: 'episode' })
@Index('ix_episode_session_start_at', ['sessionId', 'startAt'])
@Index('uq_episode_scope', { synchronize: false })
export class Episode {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  /** Null for facilitator observations about the whole session. */
  @Column({ type: 'uuid', nullable: true })
  participantId!: string | null;

  /** 'tab-hidden', 'camera-off', 'facilitator-logged', … (docs/metrics.md). */
  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'timestamptz' })
  startAt!: Date;

  /** Equal to startAt for instant observations (a device switch, a facilitator event). */
  @Column({ type: 'timestamptz' })
  endAt!: Date;

  @Column({ type: 'double precision' })
  durationSeconds!: number;

  /** What closed it: 'state', 'leave', 'session-end' or 'instant'. */
  @Column({ type: 'text' })
  endedBy!: string;

  /** Device kind, platform or facilitator code. */
  @Column({ type: 'text', nullable: true })
  detail!: string | null;
}
