import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { sqlOneOf } from './sql-one-of';

export const EVENT_SOURCES = ['client', 'facilitator', 'system'] as const;
export type EventSource = (typeof EVENT_SOURCES)[number];

/**
 * Content-free events: browser observations ('visibility', 'mic', 'join', 'leave', ...),
 * facilitator codes and system events. Written by the batched ingest writer, so, like
 * stats_sample, it has no foreign keys (see StatsSample).
 */
@Entity({ name: 'event' })
@Index('ix_event_session_at', ['sessionId', 'at'])
@Check('ck_event_source', sqlOneOf('source', EVENT_SOURCES))
export class SessionEvent {
  @PrimaryGeneratedColumn('identity', { type: 'bigint', generatedIdentity: 'ALWAYS' })
  id!: string;

  @Column({ type: 'uuid' })
  sessionId!: string;

  /** Null for session-wide events, such as a facilitator's note about the whole group. */
  @Column({ type: 'uuid', nullable: true })
  participantId!: string | null;

  @Column({ type: 'text' })
  source!: EventSource;

  @Column({ type: 'text' })
  type!: string;

  @Column({ type: 'text', nullable: true })
  state!: string | null;

  @Column({ type: 'timestamptz' })
  at!: Date;

  @Column({ type: 'bigint', nullable: true })
  seq!: string | null;

  @Column({ type: 'jsonb', nullable: true })
  payload!: unknown;

  @Column({ type: 'timestamptz' })
  receivedAt!: Date;
}
