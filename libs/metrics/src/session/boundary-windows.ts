import { speakingBalance, type SpeakingBalance } from '../balance';
import type { ConnectivityWindow } from '../connectivity';
import type { OngoingEpisode } from '../distraction';
import { speakingShares } from '../speaking';
import type { MetricWindowOutput } from './session-analyzer.contract';
import type { SessionContext } from './session-context';
import { connectivityWindowMetrics, observationMetrics, type WindowMetrics } from './window-metrics';

/**
 * The windows ending at one boundary `end`: one per participant who was there (present, or with
 * a connection that was not `left` throughout), then the session's. Called once speech is
 * complete up to `end`, so talk in the window is final; the speaking records have moved on a
 * little since, which is why session-long figures are taken back to `end` from the talk after it.
 */
export function emitBoundaryWindows(context: SessionContext, end: number): void {
  const { windowMs } = context.options;
  const start = end - windowMs;
  const windowSeconds = windowMs / 1000;
  // Talk is read as "talk after x" (x = the window's edges) over the longest rolling window, which
  // reaches past everything recorded so far: the difference of two is the window's talk, and
  // the total minus the talk after `end` is the session's talk up to `end`. Both edges are on
  // bucket boundaries, where the rolling totals are exact.
  const lookBackSeconds = context.options.speaking.balanceWindowSeconds;
  const talkAfter = (edge: number) => context.speaking.talkWithin(edge + lookBackSeconds * 1000, lookBackSeconds);
  const talkAfterStart = talkAfter(start);
  const talkAfterEnd = talkAfter(end);
  const talkInWindow = (id: string) => Math.max(0, (talkAfterStart.get(id) ?? 0) - (talkAfterEnd.get(id) ?? 0));
  // Rolling figures just before `end`: a rolling total read exactly at a bucket boundary also
  // counts the bucket that starts there.
  const snapshot = context.speaking.snapshot(end - 1);
  const talkUntilEnd = new Map(
    snapshot.participants.map((speaker) => [
      speaker.participantId,
      Math.max(0, speaker.talkSeconds - (talkAfterEnd.get(speaker.participantId) ?? 0)),
    ]),
  );
  const members = [...context.participants.values()].filter(
    (participant) => participant.role === 'member' && (participant.presence.firstJoinedAt ?? Infinity) < end,
  );
  const sessionShares = speakingShares(new Map(members.map(({ id }) => [id, talkUntilEnd.get(id) ?? 0])));
  const ongoing = groupByParticipant(context.distraction.ongoing(end));

  let participantsPresent = 0;
  let membersPresent = 0;
  for (const participant of context.participants.values()) {
    const connectivity = lastEndingAt(participant.connectivity.takeWindowsUntil(end), end);
    const present = participant.presence.presentDuring(start, end);
    const connected = connectivity !== undefined && connectivity.secondsByState.left < windowSeconds;
    if (!present && !connected) continue;
    participantsPresent += 1;
    if (participant.role === 'member') membersPresent += 1;
    const speaker = snapshot.participants.find(({ participantId }) => participantId === participant.id);
    const metrics: WindowMetrics = {
      role: participant.role,
      present,
      ...connectivityWindowMetrics(connectivity),
      speakingSeconds: talkInWindow(participant.id),
      speakingSource: participant.speakingSource,
      talkShare: sessionShares.get(participant.id) ?? null,
      talkShareRolling: speaker?.rollingTalkShare ?? null,
      ...observationMetrics(participant.observations.within(start, end, ongoing.get(participant.id) ?? [])),
    };
    context.progress.window({ participantId: participant.id, windowStart: start, windowSeconds, metrics });
  }

  const talkOf = (role: 'member' | 'facilitator') =>
    [...context.participants.values()]
      .filter((participant) => participant.role === role)
      .reduce((sum, participant) => sum + talkInWindow(participant.id), 0);
  const sessionBalance = speakingBalance(members.map(({ id }) => talkUntilEnd.get(id) ?? 0));
  context.progress.window({
    participantId: null,
    windowStart: start,
    windowSeconds,
    metrics: {
      participantsPresent,
      membersPresent,
      memberTalkSeconds: talkOf('member'),
      facilitatorTalkSeconds: talkOf('facilitator'),
      ...balanceMetrics('Rolling', snapshot.balanceRolling),
      ...balanceMetrics('Session', sessionBalance),
      facilitatorShareRolling: snapshot.facilitatorShareRolling,
      transitions: snapshot.turnTaking.transitionCount,
      memberToMemberRatio: snapshot.turnTaking.memberToMemberRatio,
    },
  } satisfies MetricWindowOutput);
}

function balanceMetrics(suffix: string, balance: SpeakingBalance): WindowMetrics {
  return { [`gini${suffix}`]: balance.gini, [`entropy${suffix}`]: balance.normalisedEntropy };
}

/** The window ending exactly at `end`; older ones (none in practice) were already counted. */
function lastEndingAt(windows: readonly ConnectivityWindow[], end: number): ConnectivityWindow | undefined {
  const last = windows[windows.length - 1];
  return last?.endMs === end ? last : undefined;
}

function groupByParticipant(episodes: readonly OngoingEpisode[]): Map<string, OngoingEpisode[]> {
  const grouped = new Map<string, OngoingEpisode[]>();
  for (const episode of episodes)
    grouped.set(episode.participantId, [...(grouped.get(episode.participantId) ?? []), episode]);
  return grouped;
}
