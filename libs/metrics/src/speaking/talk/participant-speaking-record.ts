import type { Turn } from '../types';
import { BucketedRollingTotal } from './bucketed-rolling-total';

export type ParticipantRole = 'member' | 'facilitator';

/**
 * Everything the speaking snapshot needs about one participant, as incremental aggregates:
 * a bucketed ring for the rolling windows and a handful of counters. Its size does not depend
 * on how long the session runs.
 */
export interface ParticipantSpeakingRecord {
  participantId: string;
  role: ParticipantRole;
  /** Epoch ms since when the participant is present; undefined while away. */
  presentSince: number | undefined;
  /** When they last left (undefined if they never left). */
  leftAt: number | undefined;
  talkMs: number;
  /** Talk is counted up to here: overlapping utterances of one speaker are not double talk. */
  talkCountedUntil: number;
  rollingTalk: BucketedRollingTotal;
  turns: number;
  substantiveTurns: number;
  backchannels: number;
  longestTurnSeconds: number;
  lastSubstantiveTurnEnd: number | undefined;
  /** Present time since the last substantive turn, from stays that have ended. */
  silentPresentMsBeforeThisStay: number;
}

export function createSpeakingRecord(
  participantId: string,
  role: ParticipantRole,
  rollingBucketMs: number,
  longestWindowMs: number,
): ParticipantSpeakingRecord {
  return {
    participantId,
    role,
    presentSince: undefined,
    leftAt: undefined,
    talkMs: 0,
    talkCountedUntil: -Infinity,
    rollingTalk: new BucketedRollingTotal(rollingBucketMs, longestWindowMs),
    turns: 0,
    substantiveTurns: 0,
    backchannels: 0,
    longestTurnSeconds: 0,
    lastSubstantiveTurnEnd: undefined,
    silentPresentMsBeforeThisStay: 0,
  };
}

export function recordJoin(record: ParticipantSpeakingRecord, at: number): void {
  record.presentSince ??= at;
}

export function recordLeave(record: ParticipantSpeakingRecord, at: number): void {
  if (record.presentSince === undefined) return;
  record.silentPresentMsBeforeThisStay += silentPartOfStay(record, at);
  record.presentSince = undefined;
  record.leftAt = at;
}

/** Adds the part of [start, end) not already counted as this participant's talk. */
export function recordTalk(record: ParticipantSpeakingRecord, start: number, end: number): void {
  const from = Math.max(start, record.talkCountedUntil);
  if (end <= from) return;
  record.talkMs += end - from;
  record.rollingTalk.addSpan(from, end);
  record.talkCountedUntil = end;
}

/** An open substantive turn already ends the silence; counts wait for the turn to close. */
export function recordTurn(record: ParticipantSpeakingRecord, turn: Turn, closed: boolean): void {
  if (turn.substantive && turn.end > (record.lastSubstantiveTurnEnd ?? -Infinity)) {
    record.lastSubstantiveTurnEnd = turn.end;
    record.silentPresentMsBeforeThisStay = 0;
  }
  if (!closed) return;
  record.turns += 1;
  if (turn.substantive) record.substantiveTurns += 1;
  else record.backchannels += 1;
  record.longestTurnSeconds = Math.max(record.longestTurnSeconds, turn.durationSeconds);
}

/** Time present since the member's last substantive turn (all present time if none yet). */
export function silenceStreakSeconds(record: ParticipantSpeakingRecord, now: number): number {
  const currentStay = record.presentSince === undefined ? 0 : silentPartOfStay(record, now);
  return (record.silentPresentMsBeforeThisStay + currentStay) / 1000;
}

/** No substantive turn yet (an open one counts once it has reached the substantive length). */
export function neverSpoken(record: ParticipantSpeakingRecord): boolean {
  return record.lastSubstantiveTurnEnd === undefined;
}

function silentPartOfStay(record: ParticipantSpeakingRecord, until: number): number {
  const silentSince = Math.max(record.presentSince ?? until, record.lastSubstantiveTurnEnd ?? -Infinity);
  return Math.max(0, until - silentSince);
}
