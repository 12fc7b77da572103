import { Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import type { RtcStatsObject } from '../stats-sample-columns';

/**
 * One row per stats report: one getStats() result of one participant, append-only and the
 * highest-volume table. The extracted columns are the cumulative counters as reported
 * (see statsSampleColumns); `stats` keeps every object as received so the pipeline can be
 * rebuilt from it.
 *
 * No foreign keys: each would cost a lookup on every inserted row, and one stale session id
 * would fail a whole batch. Ingest only writes ids it has authenticated; deleting a session
 * must delete its rows here explicitly.
 */
@Entity({ name: 'stats_sample' })
@Index('ix_stats_sample_session_participant_ts', ['sessionId', 'participantId', 'ts'])
export class StatsSample {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  @Column({ type: 'uuid' })
  participantId!: string;

  /** The envelope's seq. */
  @Column({ type: 'bigint' })
  seq!: string;

  /** The message's position in its envelope. */
  @Column({ type: 'integer' })
  messageIndex!: number;

  @Column({ type: 'text', nullable: true })
  peerConnectionId!: string | null;

  /** The report's own timestamp: event time, which every metric uses. */
  @Column({ type: 'timestamptz' })
  ts!: Date;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;

  @Column({ type: 'bigint', nullable: true })
  audioPacketsReceived!: string | null;

  @Column({ type: 'bigint', nullable: true })
  audioPacketsLost!: string | null;

  @Column({ type: 'bigint', nullable: true })
  videoPacketsReceived!: string | null;

  @Column({ type: 'bigint', nullable: true })
  videoPacketsLost!: string | null;

  @Column({ type: 'double precision', nullable: true })
  audioJitterMs!: number | null;

  @Column({ type: 'double precision', nullable: true })
  iceRttMs!: number | null;

  @Column({ type: 'double precision', nullable: true })
  rtcpRttMs!: number | null;

  @Column({ type: 'bigint', nullable: true })
  bytesReceived!: string | null;

  @Column({ type: 'bigint', nullable: true })
  bytesSent!: string | null;

  @Column({ type: 'double precision', nullable: true })
  mediaSourceAudioEnergy!: number | null;

  @Column({ type: 'double precision', nullable: true })
  mediaSourceSamplesDuration!: number | null;

  /** json, not jsonb: read back whole for replay only, and twice as fast to insert (measured). */
  @Column({ type: 'json' })
  stats!: RtcStatsObject[];
}
