import type { ParticipantSnapshot, SessionSnapshot } from '@attune/metrics';
import type { ApiClient } from '../../support/api-client';

type ParticipantSpeaking = SessionSnapshot['speaking']['participants'][number];

export interface MemberView {
  participant: ParticipantSnapshot;
  speaking: ParticipantSpeaking | undefined;
}

/** The live snapshot (GET /api/v1/sessions/:id/snapshot), read the way the dashboard does. */
export class SnapshotWatch {
  constructor(
    private readonly admin: ApiClient,
    private readonly sessionId: string,
  ) {}

  async read(): Promise<SessionSnapshot> {
    const snapshot = await this.readIfAny();
    if (!snapshot) throw new Error('snapshot: HTTP 404, the session has no snapshot yet');
    return snapshot;
  }

  /** The snapshot, or undefined while the session has none (404: no data has reached it yet). */
  async readIfAny(): Promise<SessionSnapshot | undefined> {
    const response = await this.admin.get<SessionSnapshot>(`/api/v1/sessions/${this.sessionId}/snapshot`);
    if (response.status === 404) return undefined;
    if (response.status !== 200) throw new Error(`snapshot: HTTP ${response.status} ${JSON.stringify(response.body)}`);
    return response.body;
  }

  async member(participantId: string): Promise<MemberView | undefined> {
    return viewOf(await this.read(), participantId);
  }

  /**
   * Polls once a second until `condition` holds for the participant; returns the view and when
   * it was seen. On timeout the error shows the last view, so a failure says what was seen.
   */
  async waitFor(
    participantId: string,
    what: string,
    condition: (view: MemberView) => boolean,
    timeoutMs: number,
  ): Promise<{ view: MemberView; seenAt: number }> {
    const started = Date.now();
    let last: MemberView | undefined;
    for (;;) {
      last = await this.member(participantId).catch(() => last);
      if (last && condition(last)) return { view: last, seenAt: Date.now() };
      if (Date.now() - started > timeoutMs) {
        throw new Error(`${what}: not within ${timeoutMs / 1000} s; last seen ${JSON.stringify(summary(last))}`);
      }
      await new Promise((resolve) => setTimeout(resolve, 1000));
    }
  }
}

export function viewOf(snapshot: SessionSnapshot, participantId: string): MemberView | undefined {
  const participant = snapshot.participants.find((entry) => entry.participantId === participantId);
  if (!participant) return undefined;
  return {
    participant,
    speaking: snapshot.speaking.participants.find((entry) => entry.participantId === participantId),
  };
}

/** The parts of a view worth printing when an expectation fails. */
export function summary(view: MemberView | undefined): unknown {
  if (!view) return 'not in the session';
  const { connection } = view.participant;
  return {
    present: view.participant.present,
    state: connection.state,
    latest: connection.latest && {
      rttMs: connection.latest.rttMs,
      iceRttMs: connection.latest.iceRttMs,
      lossPct: connection.latest.packetLossPct,
      outboundLossPct: connection.latest.outboundPacketLossPct,
      jitterMs: connection.latest.jitterMs,
      jitterBufferDelayMs: connection.latest.jitterBufferDelayMs,
      mos: connection.latest.mos,
    },
    speakingSource: view.participant.speakingSource,
    talkSeconds: view.speaking?.talkSeconds,
    observations: view.participant.ongoingObservations.map((episode) => episode.type),
  };
}
