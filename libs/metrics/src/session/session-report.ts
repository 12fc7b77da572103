import type { ConnectivitySessionSummary } from '../connectivity';
import { summarizeTally } from '../connectivity';
import type { ParticipantSpeakingSnapshot, ParticipantTurnTaking } from '../speaking';
import type { ParticipantState } from './participant-state';
import type { ParticipantReport, PeerConnectionReport, SessionReport } from './session-analyzer.contract';
import type { SessionContext } from './session-context';

export interface ReportTimes {
  startedAt: number;
  endedAt: number;
  lateMessages: number;
}

/** The report after `finish`: everything the session-long accumulators hold, in report units. */
export function buildSessionReport(context: SessionContext, times: ReportTimes): SessionReport {
  const speaking = context.speaking.snapshot(times.endedAt);
  const { turnTaking } = speaking;
  const participants = [...context.participants.values()];
  const members = participants.filter((participant) => participant.role === 'member');
  const facilitatorTalk = speaking.facilitatorShareSession;
  return {
    session: {
      sessionId: context.options.sessionId,
      startedAt: times.startedAt,
      endedAt: times.endedAt,
      durationSeconds: Math.max(0, times.endedAt - times.startedAt) / 1000,
      participantCount: participants.length,
      memberCount: members.length,
      lateMessages: times.lateMessages,
      facilitatorShare: participants.some((participant) => participant.role === 'facilitator') ? facilitatorTalk : null,
      longestMonologue: speaking.longestMonologue,
      transitionCount: turnTaking.transitionCount,
      memberToMemberRatio: turnTaking.memberToMemberRatio,
      meanResponseLatencySeconds: turnTaking.meanResponseLatencySeconds,
      medianResponseLatencySeconds: turnTaking.medianResponseLatencySeconds,
    },
    balance: {
      gini: speaking.balanceSession.gini,
      entropy: speaking.balanceSession.normalisedEntropy,
      memberCount: speaking.balanceSession.participantCount,
      totalTalkSeconds: speaking.balanceSession.totalTalkSeconds,
    },
    participants: participants.map((participant) =>
      participantReport(
        participant,
        times.endedAt,
        speaking.participants.find(({ participantId }) => participantId === participant.id),
        turnTaking.participants.find(({ participantId }) => participantId === participant.id),
      ),
    ),
    transitions: turnTaking.transitions.map(({ from, to, count }) => ({ from, to, count })),
  };
}

function participantReport(
  participant: ParticipantState,
  endedAt: number,
  speaking: ParticipantSpeakingSnapshot | undefined,
  turnTaking: ParticipantTurnTaking | undefined,
): ParticipantReport {
  const { presence, observations } = participant;
  return {
    id: participant.id,
    role: participant.role,
    attendance: {
      firstJoinedAt: presence.firstJoinedAt ?? endedAt,
      lastLeftAt: presence.present ? null : (presence.lastLeftAt ?? null),
      presentSeconds: presence.presentSeconds(endedAt),
      joins: presence.joins,
    },
    speaking: {
      seconds: speaking?.talkSeconds ?? 0,
      share: speaking?.talkShare ?? null,
      turns: speaking?.turns ?? 0,
      substantiveTurns: speaking?.substantiveTurns ?? 0,
      backchannels: speaking?.backchannels ?? 0,
      longestTurnSeconds: speaking?.longestTurnSeconds ?? 0,
      maxSilenceSeconds: presence.maxSilenceSeconds(endedAt),
      neverSpoken: speaking?.neverSpoken ?? true,
      interruptionsMade: turnTaking?.interruptionsMade ?? 0,
      interruptionsReceived: turnTaking?.interruptionsReceived ?? 0,
      affirmationsMade: turnTaking?.affirmationsMade ?? 0,
      affirmationsReceived: turnTaking?.affirmationsReceived ?? 0,
      meanResponseLatencySeconds: turnTaking?.meanResponseLatencySeconds ?? null,
      source: participant.speakingSource,
    },
    connectivity: connectivityReport(participant),
    distraction: {
      hiddenSeconds: observations.totalSeconds('tab-hidden'),
      windowBlurSeconds: observations.totalSeconds('window-blur'),
      cameraOffSeconds: observations.totalSeconds('camera-off'),
      mutedSeconds: observations.totalSeconds('mic-muted'),
      privacyPauseSeconds: observations.totalSeconds('privacy-pause'),
      talkWhileMutedSeconds: observations.totalSeconds('talk-while-muted'),
      noiseEpisodes: observations.count('background-noise'),
      deviceSwitches: observations.count('device-switch'),
      platformSwitches: observations.count('platform-switch'),
      facilitatorEvents: observations.count('facilitator-logged'),
      throttledStatsGaps: observations.count('throttled-stats-gap'),
    },
    lateMessages: participant.lateMessages,
    lateMessagesIgnored: participant.lateUtterancesNotApplied,
  };
}

function connectivityReport(participant: ParticipantState): ParticipantReport['connectivity'] {
  const summary: ConnectivitySessionSummary = participant.connectivity.summary();
  return {
    meanRttMs: summary.meanRttMs ?? null,
    rttSource: summary.rttSource ?? null,
    iceRttMs: summary.iceRttMs ?? null,
    rtcpRttMs: summary.rtcpRttMs ?? null,
    packetLossPct: summary.packetLossPct ?? null,
    outboundPacketLossPct: summary.outboundPacketLossPct ?? null,
    jitterMs: summary.jitterMs ?? null,
    mos: summary.mos ?? null,
    minWindowMos: summary.minWindowMos ?? null,
    reconnects: summary.reconnects,
    drops: summary.drops,
    rejoins: summary.rejoins,
    failed: summary.failed,
    iceFailures: summary.iceFailures,
    connectedSeconds: summary.connectedSeconds,
    secondsByState: { ...summary.secondsByState },
    minutesLost: summary.minutesLost,
    pollingSeconds: participant.connectivity.pollingSeconds() ?? null,
    peerConnections: participant.connectivity.perPeerConnection().map(({ peerConnectionId, reports, tally }) => {
      const metrics = summarizeTally(tally);
      return {
        id: peerConnectionId,
        reports,
        iceRttMs: metrics.iceRttMs ?? null,
        rtcpRttMs: metrics.rtcpRttMs ?? null,
        packetLossPct: metrics.packetLossPct ?? null,
        outboundPacketLossPct: metrics.outboundPacketLossPct ?? null,
        packetsReceived: tally.inboundPackets.received,
        packetsLost: tally.inboundPackets.lost,
        outboundPacketsReceived: tally.outboundPackets.received,
        outboundPacketsLost: tally.outboundPackets.lost,
      } satisfies PeerConnectionReport;
    }),
  };
}
