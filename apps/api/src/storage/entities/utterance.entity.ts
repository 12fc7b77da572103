import { Check, Column, Entity, Index, PrimaryGeneratedColumn } from 'typeorm';
import { sqlOneOf } from './sql-one-of';

/**
 * 'device': from the member's own voice-activity detection, stored by ingest. 'energy':
 * estimated by the pipeline from audio energy stats when the device sends no utterances.
 */
export const UTTERANCE_SOURCES = ['device', 'energy'] as const;
export type UtteranceSource = (typeof UTTERANCE_SOURCES)[number];

/**
 * Speech start and end times; no content. Estimated utterances are written again when the
 * pipeline rebuilds a session after a restart, so they are unique per (session, participant,
 * start) and upserted; device utterances are deduplicated by ingest (envelope seqs) instead.
 */
@Entity({ name: 'utterance' })
@Index('ix_utterance_session_participant_start', ['sessionId', 'participantId', 'startAt'])
@Index('uq_utterance_estimated_start', ['sessionId', 'participantId', 'startAt'], {
  unique: true,
  where: `"source" = 'energy'`,
})
@Check('ck_utterance_source', sqlOneOf('source', UTTERANCE_SOURCES))
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

  /**
   * The envelope's seq. For an estimated utterance, the seq of the speaker's latest envelope
   * the estimate drew on: ingest reloads these seqs after a restart, so it must be one the
   * participant really sent.
   */
  @Column({ type: 'bigint' })
  seq!: string;

  @Column({ type: 'text', default: 'device' })
  source!: UtteranceSource;
}
