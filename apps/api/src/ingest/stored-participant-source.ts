import { Injectable } from '@nestjs/common';
import { ParticipantRepository, SessionRepository } from '../storage/repositories';
import { IngestWriter } from '../storage/ingest-writer';
import { ConsentChange } from './message-policy';
import { ParticipantSource } from './participant-registry';

/** How many of a participant's most recent seqs to reload after a restart (the SeqWindow's size). */
const RECENT_SEQS = 4096;

/** Loads what ingest needs about a participant from the database, and records consent changes. */
@Injectable()
export class StoredParticipantSource implements ParticipantSource {
  constructor(
    private readonly participants: ParticipantRepository,
    private readonly sessions: SessionRepository,
    private readonly writer: IngestWriter,
  ) {}

  async loadForIngest(participantId: string) {
    const participant = await this.participants.findById(participantId);
    if (!participant) return undefined;
    const session = await this.sessions.findById(participant.sessionId);
    if (!session) return undefined;
    return {
      sessionId: participant.sessionId,
      role: participant.role,
      consentStorage: participant.consentStorage,
      sessionEnded: session.status === 'ended',
      acceptedSeqs: await this.writer.recentSeqs(participant.sessionId, participantId, RECENT_SEQS),
    };
  }

  async loadStatsReport(
    participant: { sessionId: string; participantId: string },
    peerConnectionId: string | undefined,
    seq: number,
  ) {
    return this.writer.storedStatsReport(participant.sessionId, participant.participantId, seq, peerConnectionId);
  }

  async recordConsent(participantId: string, change: ConsentChange): Promise<void> {
    await this.participants.updateConsent(participantId, change, new Date());
  }
}
