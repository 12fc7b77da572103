import type { SpeakingBalance } from '../balance/speaking-balance';
import type { ParticipantRole } from './talk/participant-speaking-record';
import type { TurnTakingEvent } from './turn-taking/turn-taking-events';
import type { TurnTakingSummary } from './turn-taking/turn-taking-totals';
import type { SpeechInput, Turn } from './types';

export type { ParticipantRole } from './talk/participant-speaking-record';

/** A participant arrives. Without a join, a participant's first utterance makes them a present member. */
export interface JoinEvent {
  kind: 'join';
  participantId: string;
  at: number;
  role: ParticipantRole;
}

export interface LeaveEvent {
  kind: 'leave';
  participantId: string;
  at: number;
}

/** Asks for a snapshot at event time `at` (the pipeline's once-per-second clock). */
export interface ClockTick {
  kind: 'tick';
  at: number;
}

/** Closes every open turn and emits the final snapshot. */
export interface SessionEnd {
  kind: 'session-end';
  at: number;
}

/** Everything the speaking analysis consumes, in event-time order. */
export type SpeakingSessionInput = SpeechInput | JoinEvent | LeaveEvent | ClockTick | SessionEnd;

export interface ParticipantSpeakingSnapshot {
  participantId: string;
  role: ParticipantRole;
  present: boolean;
  talkSeconds: number;
  /** Share of members' talk over the session (null for the facilitator, or when nobody talked). */
  talkShare: number | null;
  /** Talk and share of members' talk in the rolling share window (5 min). */
  rollingTalkSeconds: number;
  rollingTalkShare: number | null;
  turns: number;
  substantiveTurns: number;
  backchannels: number;
  longestTurnSeconds: number;
  /** Present time since the last substantive turn. */
  silenceStreakSeconds: number;
  neverSpoken: boolean;
}

export interface SpeakingSnapshot {
  at: number;
  participants: ParticipantSpeakingSnapshot[];
  /** The facilitator's part of all talk, rolling (10 min) and over the session. */
  facilitatorShareRolling: number | null;
  facilitatorShareSession: number | null;
  /** The longest turn of the session so far. */
  longestMonologue: { participantId: string; seconds: number } | null;
  /** Members only: those present now or within the window (rolling), or ever (session). */
  balanceRolling: SpeakingBalance;
  balanceSession: SpeakingBalance;
  turnTaking: TurnTakingSummary;
}

/** What the analysis reports: closed turns, turn-taking relations and snapshots. */
export type SpeakingSessionOutput =
  { kind: 'turn'; turn: Turn } | TurnTakingEvent | { kind: 'snapshot'; snapshot: SpeakingSnapshot };
