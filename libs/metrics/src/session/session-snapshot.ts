import type { OngoingEpisode } from '../distraction';
import type { ParticipantState } from './participant-state';
import type { ParticipantSnapshot, SessionSnapshot } from './session-analyzer.contract';
import type { SessionContext } from './session-context';

export interface SnapshotTimes {
  at: number;
  watermark: number;
  lateMessages: number;
}

/** The live view: no side effects, so the dashboard may ask as often as it likes. */
export function buildSessionSnapshot(context: SessionContext, times: SnapshotTimes): SessionSnapshot {
  const ongoing = context.distraction.ongoing(times.at);
  return {
    sessionId: context.options.sessionId,
    at: times.at,
    watermark: times.watermark,
    participants: [...context.participants.values()].map((participant) => participantSnapshot(participant, ongoing)),
    speaking: context.speaking.snapshot(times.at),
    lateMessages: times.lateMessages,
  };
}

function participantSnapshot(participant: ParticipantState, ongoing: readonly OngoingEpisode[]): ParticipantSnapshot {
  const { connectivity } = participant;
  const machine = connectivity.machine;
  const { counters } = machine;
  return {
    participantId: participant.id,
    role: participant.role,
    present: participant.presence.present,
    connection: {
      state: connectivity.started ? machine.state : participant.presence.present ? 'connected' : 'left',
      stateSince: connectivity.started ? machine.stateSince : null,
      latest: connectivity.latestWindow?.metrics ?? null,
      drops: counters.drops,
      reconnects: counters.reconnects,
      rejoins: counters.rejoins,
      failed: counters.iceFailures > 0,
    },
    speakingSource: participant.speakingSource,
    ongoingObservations: ongoing.filter((episode) => episode.participantId === participant.id),
    lateMessages: participant.lateMessages,
  };
}
