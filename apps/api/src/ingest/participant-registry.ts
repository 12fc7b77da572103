import { ParticipantRole } from '../auth/principal';
import type { IngestAck } from '@attune/protocol';
import { ResendAnswers } from './resend-answers';
import { SeqWindow } from './seq-window';
import { StatsBaselines } from './stats-baselines';

/** What ingest must know about a participant to accept their data, kept in memory. */
export interface IngestParticipant {
  participantId: string;
  sessionId: string;
  role: ParticipantRole;
  /** Nothing is stored before the member consents to storage; withdrawing stops storage. */
  consentStorage: boolean;
  sessionEnded: boolean;
  seqs: SeqWindow;
  /** What a resend of an envelope that had rejected messages is told. */
  resendAnswers: ResendAnswers;
  /** Envelopes being accepted now, by seq: a copy arriving meanwhile (by another way) waits for the first. */
  accepting: Map<number, Promise<IngestAck>>;
  /** Recently stored stats reports, which delta-compressed reports refer to. */
  statsBaselines: StatsBaselines;
  lastSeenAt: number;
}

/** Where the registry loads a participant it has not seen since start-up. */
export interface ParticipantSource {
  loadForIngest(participantId: string): Promise<
    | {
        sessionId: string;
        role: ParticipantRole;
        consentStorage: boolean;
        sessionEnded: boolean;
        acceptedSeqs: number[];
      }
    | undefined
  >;
  recordConsent(participantId: string, change: { storage?: boolean; research?: boolean }): Promise<void>;
  /** A stored stats report (after a restart, the baseline of a delta may only be there). */
  loadStatsReport(
    participant: { sessionId: string; participantId: string },
    peerConnectionId: string | undefined,
    seq: number,
  ): Promise<Array<{ id: string } & Record<string, unknown>> | undefined>;
}

export const PARTICIPANT_SOURCE = Symbol('PARTICIPANT_SOURCE');

/**
 * Ingest's working memory per participant: consent, session state and the seqs already
 * accepted. Loaded from the database on first contact (so a restart neither forgets consent
 * nor stores a resent envelope twice), then kept in memory for the hot path.
 */
export class ParticipantRegistry {
  private readonly participants = new Map<string, IngestParticipant>();
  private readonly loading = new Map<string, Promise<IngestParticipant | undefined>>();

  constructor(private readonly source: ParticipantSource) {}

  /** The participant, from memory when possible; undefined when they do not exist. */
  get(participantId: string): IngestParticipant | Promise<IngestParticipant | undefined> | undefined {
    const known = this.participants.get(participantId);
    if (known) return known;
    let pending = this.loading.get(participantId);
    if (!pending) {
      pending = this.load(participantId).finally(() => this.loading.delete(participantId));
      this.loading.set(participantId, pending);
    }
    return pending;
  }

  /** Called when a session ends, so ingest stops accepting its data without a database round trip. */
  markSessionEnded(sessionId: string): void {
    for (const participant of this.participants.values()) {
      if (participant.sessionId === sessionId) participant.sessionEnded = true;
    }
  }

  /** Called when a session (re)starts or consent is changed outside ingest. */
  forget(participantId: string): void {
    this.participants.delete(participantId);
  }

  forgetSession(sessionId: string): void {
    for (const [id, participant] of this.participants) {
      if (participant.sessionId === sessionId) this.participants.delete(id);
    }
  }

  /** Drops participants not heard from for `idleMs`, so memory follows live sessions only. */
  evictIdle(now: number, idleMs: number): number {
    let evicted = 0;
    for (const [id, participant] of this.participants) {
      if (now - participant.lastSeenAt > idleMs) {
        this.participants.delete(id);
        evicted++;
      }
    }
    return evicted;
  }

  get size(): number {
    return this.participants.size;
  }

  private async load(participantId: string): Promise<IngestParticipant | undefined> {
    const loaded = await this.source.loadForIngest(participantId);
    if (!loaded) return undefined;
    const seqs = new SeqWindow();
    loaded.acceptedSeqs.forEach((seq) => seqs.add(seq));
    const participant: IngestParticipant = {
      participantId,
      sessionId: loaded.sessionId,
      role: loaded.role,
      consentStorage: loaded.consentStorage,
      sessionEnded: loaded.sessionEnded,
      seqs,
      resendAnswers: new ResendAnswers(),
      accepting: new Map(),
      statsBaselines: new StatsBaselines(),
      lastSeenAt: Date.now(),
    };
    this.participants.set(participantId, participant);
    return participant;
  }
}
