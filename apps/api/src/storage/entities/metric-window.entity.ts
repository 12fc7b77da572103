import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';

/**
 * The metrics of one window (10 s live, 60 s for exports), per participant or, with a null
 * participant, for the whole session. This is what reports read.
 *
 * The unique index is NULLS NOT DISTINCT (PostgreSQL 15+): with an ordinary unique index two
 * session-level rows for the same window would both be allowed, since NULL never equals
 * NULL, and `ON CONFLICT` could not upsert them. TypeORM cannot express NULLS NOT DISTINCT,
 * so the index (session_id, participant_id, window_start, window_seconds) is written by
 * hand in the migration, and `synchronize: false` keeps schema diffs from touching it.
 */
@Entity({ name: 'metric_window' })
@Index('uq_metric_window_scope', { synchronize: false })
export class MetricWindow {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'uuid', nullable: true })
  participantId!: string | null;

  @Column({ type: 'timestamptz' })
  windowStart!: Date;

  @Column({ type: 'integer' })
  windowSeconds!: number;

  @Column({ type: 'jsonb' })
  metrics!: Record<string, unknown>;

  /** Which version of the metric definitions produced `metrics` (see docs/metrics.md). */
  @Column({ type: 'integer' })
  metricVersion!: number;
}
