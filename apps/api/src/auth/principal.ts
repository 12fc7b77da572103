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

/**
 * A facilitator watching the live view of one session, proven today by a signed facilitator
 * link. Real sign-in will produce the same principal from a user account, so the live gateway
 * never needs to know how the facilitator got in.
 */
export interface FacilitatorPrincipal {
  kind: 'facilitator';
  sessionId: string;
  /** The facilitator's participant in that session: logged events are sent as theirs. */
  participantId: string;
  expiresAt: Date;
}

/** Who may watch a live session. */
export type ViewerPrincipal = AdminPrincipal | FacilitatorPrincipal;
