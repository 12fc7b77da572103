import type { ConnectionStateName, OngoingEpisode, SessionSnapshot, SpeakingBalance } from '@attune/metrics';

/** What a test says about one participant at one moment; everything else takes a quiet default. */
export interface MemberAt {
  id: string;
  role?: 'member' | 'facilitator';
  present?: boolean;
  state?: ConnectionStateName;
  stateSince?: number | null;
  drops?: number;
  talkSeconds?: number;
  rollingTalkSeconds?: number;
  silenceStreakSeconds?: number;
  neverSpoken?: boolean;
  ongoing?: Array<Pick<OngoingEpisode, 'type' | 'start'>>;
}

const NO_BALANCE: SpeakingBalance = { participantCount: 0, totalTalkSeconds: 0, gini: null, normalisedEntropy: null };

/** A complete, typed snapshot at event time `at` (epoch ms) with the given participants. */
export function snapshotAt(at: number, members: readonly MemberAt[], sessionId = 'session-1'): SessionSnapshot {
  return {
    sessionId,
    at,
    watermark: at - 5_000,
    lateMessages: 0,
    participants: members.map((member) => ({
      participantId: member.id,
      role: member.role ?? 'member',
      present: member.present ?? true,
      connection: {
        state: member.state ?? 'connected',
        stateSince: member.stateSince ?? null,
        latest: null,
        drops: member.drops ?? 0,
        reconnects: 0,
        rejoins: 0,
        failed: false,
      },
      speakingSource: 'utterances',
      ongoingObservations: (member.ongoing ?? []).map((episode) => ({
        participantId: member.id,
        type: episode.type,
        start: episode.start,
        secondsSoFar: Math.max(0, (at - episode.start) / 1000),
      })),
      lateMessages: 0,
    })),
    speaking: {
      at,
      participants: members.map((member) => ({
        participantId: member.id,
        role: member.role ?? 'member',
        present: member.present ?? true,
        talkSeconds: member.talkSeconds ?? 0,
        talkShare: null,
        rollingTalkSeconds: member.rollingTalkSeconds ?? 0,
        rollingTalkShare: null,
        turns: 0,
        substantiveTurns: 0,
        backchannels: 0,
        longestTurnSeconds: 0,
        silenceStreakSeconds: member.silenceStreakSeconds ?? 0,
        neverSpoken: member.neverSpoken ?? false,
      })),
      facilitatorShareRolling: null,
      facilitatorShareSession: null,
      longestMonologue: null,
      balanceRolling: NO_BALANCE,
      balanceSession: NO_BALANCE,
      turnTaking: {
        transitions: [],
        transitionCount: 0,
        memberToMemberRatio: null,
        meanResponseLatencySeconds: null,
        medianResponseLatencySeconds: null,
        participants: [],
      },
    },
  };
}
