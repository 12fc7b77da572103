import { DistractionTracker, STATE_EPISODE_TYPES, type DistractionInput } from '../distraction';
import { SpeakingSessionAnalyzer, type SpeakingSessionInput, type Utterance } from '../speaking';
import type { ResolvedAnalyzerOptions } from './analyzer-options';
import { ParticipantState } from './participant-state';
import { ProgressCollector } from './progress-collector';
import type { SessionRole } from './session-analyzer.contract';

const STATE_EPISODES: ReadonlySet<string> = new Set(STATE_EPISODE_TYPES);

/**
 * The state one session's analysis shares between its parts: the participants, the session-wide
 * speaking and distraction analyses, and what has become final. Routing outputs through here
 * keeps the bookkeeping (silence, observation totals, progress) in one place.
 */
export class SessionContext {
  readonly participants = new Map<string, ParticipantState>();
  readonly speaking: SpeakingSessionAnalyzer;
  readonly distraction: DistractionTracker;
  readonly progress = new ProgressCollector();
  /** Facilitator observations about the whole session (no participant). */
  sessionFacilitatorEvents = 0;
  /** Event time of the latest message applied: late events are applied at this time. */
  clock = -Infinity;

  constructor(readonly options: ResolvedAnalyzerOptions) {
    this.speaking = new SpeakingSessionAnalyzer(options.speaking);
    this.distraction = new DistractionTracker(options.distraction);
  }

  participant(id: string, role: SessionRole): ParticipantState {
    let participant = this.participants.get(id);
    if (!participant) {
      participant = new ParticipantState(id, role, this.options);
      this.participants.set(id, participant);
    }
    return participant;
  }

  applySpeaking(input: SpeakingSessionInput): void {
    for (const output of this.speaking.apply(input)) {
      if (output.kind !== 'turn' || !output.turn.substantive) continue;
      this.participants.get(output.turn.participantId)?.presence.substantiveTurn(output.turn.start, output.turn.end);
    }
  }

  /** Pseudo-utterances from the energy path: to the speaking analysis, and to be stored. */
  applyEstimatedSpeech(utterances: readonly Utterance[]): void {
    for (const utterance of utterances) {
      this.progress.estimatedUtterance(utterance);
      this.applySpeaking(utterance);
    }
  }

  applyDistraction(input: DistractionInput): void {
    for (const update of this.distraction.apply(input)) {
      if (update.kind !== 'closed') continue;
      const { episode } = update;
      // Two state changes at one instant (a pause ends, the mic comes back on) are no episode.
      if (STATE_EPISODES.has(episode.type) && episode.durationSeconds === 0) continue;
      this.progress.episode(episode);
      if (episode.participantId === undefined) this.sessionFacilitatorEvents += 1;
      else this.participants.get(episode.participantId)?.observations.add(episode);
    }
  }
}
