import {
  activeStateEpisodes,
  INITIAL_ATTENTION_STATE,
  nextAttentionState,
  STATE_EPISODE_TYPES,
  type AttentionState,
  type StateEpisodeType,
} from './attention-state';
import { BackgroundNoiseDetector } from './background-noise-detector';
import { DEFAULT_DISTRACTION_PARAMETERS, type DistractionParameters } from './parameters';
import { StatsGapDetector } from './stats-gap-detector';
import {
  episodeOf,
  type DistractionEpisode,
  type DistractionEpisodeType,
  type DistractionInput,
  type DistractionUpdate,
  type EpisodeEnd,
} from './types';

interface ParticipantDistraction {
  attention: AttentionState;
  openSince: Map<StateEpisodeType, number>;
  noise: BackgroundNoiseDetector;
  gaps: StatsGapDetector;
}

/** An episode still going on, for the live view ("hidden tab 2 min"). */
export interface OngoingEpisode {
  participantId: string;
  type: DistractionEpisodeType;
  start: number;
  secondsSoFar: number;
}

/**
 * Distraction and engagement episodes of a session, from client events, facilitator events,
 * stats report times and levels, event by event. Open episodes close when the member leaves or
 * the session ends. Memory per member is fixed: the last client state, the open episodes'
 * start times, and the small detectors.
 */
export class DistractionTracker {
  private readonly parameters: DistractionParameters;
  private readonly participants = new Map<string, ParticipantDistraction>();

  constructor(parameters: Partial<DistractionParameters> = {}) {
    this.parameters = { ...DEFAULT_DISTRACTION_PARAMETERS, ...parameters };
  }

  apply(input: DistractionInput): DistractionUpdate[] {
    switch (input.type) {
      case 'session-end':
        return [...this.participants.keys()].flatMap((participantId) =>
          this.closeParticipant(participantId, input.at, 'session-end'),
        );
      case 'leave':
        return this.closeParticipant(input.participantId, input.at, 'leave');
      case 'join':
        this.participant(input.participantId);
        return [];
      case 'facilitator-event':
        return [closed(instant(input.at, 'facilitator-logged', input.participantId, input.code))];
      case 'device-change': {
        const updates = [closed(instant(input.at, 'device-switch', input.participantId, input.device))];
        if (input.platform)
          updates.push(closed(instant(input.at, 'platform-switch', input.participantId, input.platform)));
        return updates;
      }
      case 'utterance':
        this.participant(input.participantId).noise.utterance(input.start, input.end);
        return [];
      case 'stats-report': {
        const participant = this.participant(input.participantId);
        const updates = participant.gaps.report(input.at).map(closed);
        if (input.audioLevelDbfs !== undefined) {
          const intervalSeconds = input.intervalSeconds ?? 1;
          updates.push(...participant.noise.report(input.at, intervalSeconds, input.audioLevelDbfs).map(closed));
        }
        return updates;
      }
      case 'voice-activity':
        this.participant(input.participantId).noise.voiceActivity(input.state === 'speech');
        return this.changeState(input.participantId, input);
      case 'visibility':
        this.participant(input.participantId).gaps.visibility(input.state === 'hidden', input.at);
        return this.changeState(input.participantId, input);
      case 'focus':
      case 'mic':
      case 'camera':
      case 'privacy-pause':
      case 'talk-while-muted':
        return this.changeState(input.participantId, input);
    }
  }

  /** Episodes still open at `now`. */
  ongoing(now: number): OngoingEpisode[] {
    const ongoing: OngoingEpisode[] = [];
    for (const [participantId, participant] of this.participants) {
      for (const [type, start] of participant.openSince) {
        ongoing.push({ participantId, type, start, secondsSoFar: Math.max(0, now - start) / 1000 });
      }
    }
    return ongoing.sort((a, b) => a.start - b.start);
  }

  private changeState(participantId: string, input: DistractionInput & { at: number }): DistractionUpdate[] {
    const participant = this.participant(participantId);
    const before = activeStateEpisodes(participant.attention);
    participant.attention = nextAttentionState(participant.attention, input);
    const after = activeStateEpisodes(participant.attention);
    const updates: DistractionUpdate[] = [];
    for (const type of STATE_EPISODE_TYPES) {
      if (before.has(type) && !after.has(type)) {
        updates.push(...this.closeEpisode(participantId, participant, type, input.at, 'state'));
      } else if (!before.has(type) && after.has(type)) {
        participant.openSince.set(type, input.at);
        updates.push({ kind: 'opened', participantId, type, start: input.at });
      }
    }
    return updates;
  }

  private closeParticipant(participantId: string, at: number, endedBy: EpisodeEnd): DistractionUpdate[] {
    const participant = this.participants.get(participantId);
    if (!participant) return [];
    const updates: DistractionUpdate[] = [];
    for (const type of STATE_EPISODE_TYPES) {
      updates.push(...this.closeEpisode(participantId, participant, type, at, endedBy));
    }
    updates.push(...participant.noise.flush(at).map(closed));
    // A member who comes back starts from a fresh state: their device re-sends it on join.
    this.participants.delete(participantId);
    return updates;
  }

  private closeEpisode(
    participantId: string,
    participant: ParticipantDistraction,
    type: StateEpisodeType,
    at: number,
    endedBy: EpisodeEnd,
  ): DistractionUpdate[] {
    const start = participant.openSince.get(type);
    if (start === undefined) return [];
    participant.openSince.delete(type);
    return [closed(episodeOf({ participantId, type, start, end: Math.max(start, at), endedBy }))];
  }

  private participant(participantId: string): ParticipantDistraction {
    let participant = this.participants.get(participantId);
    if (!participant) {
      participant = {
        attention: INITIAL_ATTENTION_STATE,
        openSince: new Map(),
        noise: new BackgroundNoiseDetector(participantId, this.parameters),
        gaps: new StatsGapDetector(participantId, this.parameters),
      };
      this.participants.set(participantId, participant);
    }
    return participant;
  }
}

function instant(
  at: number,
  type: DistractionEpisodeType,
  participantId: string | undefined,
  detail: string,
): DistractionEpisode {
  return episodeOf({
    ...(participantId === undefined ? {} : { participantId }),
    type,
    start: at,
    end: at,
    endedBy: 'instant',
    detail,
  });
}

function closed(episode: DistractionEpisode): DistractionUpdate {
  return { kind: 'closed', episode };
}

/**
 * Batch form: every closed episode of a session's inputs (in order), sorted by start. State
 * episodes of zero length are left out: they come from two state changes reported at the same
 * instant (a privacy pause ends and the mic comes back on), not from anything the member did.
 */
export function findDistractionEpisodes(
  inputs: Iterable<DistractionInput>,
  parameters: Partial<DistractionParameters> = {},
): DistractionEpisode[] {
  const tracker = new DistractionTracker(parameters);
  const episodes: DistractionEpisode[] = [];
  let lastAt: number | undefined;
  let ended = false;
  const keep = (updates: DistractionUpdate[]) => {
    for (const update of updates) {
      if (update.kind === 'closed' && (update.episode.endedBy === 'instant' || update.episode.durationSeconds > 0)) {
        episodes.push(update.episode);
      }
    }
  };
  for (const input of inputs) {
    lastAt = Math.max(lastAt ?? -Infinity, input.at);
    ended ||= input.type === 'session-end';
    keep(tracker.apply(input));
  }
  if (!ended && lastAt !== undefined) keep(tracker.apply({ type: 'session-end', at: lastAt }));
  return episodes.sort((a, b) => a.start - b.start || a.type.localeCompare(b.type));
}
