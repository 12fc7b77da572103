export type ParticipantRole = 'member' | 'facilitator';

/** Who is calling, as proven by a token. Every query is scoped by it. */
export type Principal = AdminPrincipal | ParticipantPrincipal;

export interface AdminPrincipal {
  kind: 'admin';
}

/** A member's or facilitator's device, allowed to write to one session as one participant. */
export interface ParticipantPrincipal {
  kind: 'participant';
  sessionId: string;
  participantId: string;
  role: ParticipantRole;
  expiresAt: Date;
}
