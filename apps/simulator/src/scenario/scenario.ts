import { createSeededRandom } from '@attune/metrics/speaking/testing';
import { planMember, type MemberPlan } from '../member/member-plan';
import { replayAmiMeeting, type AmiMeeting } from './ami-replay';
import { facilitatorObservations, type FacilitatorObservation } from './facilitator-observations';
import type { MemberPersona } from './personas';
import { planConversation } from './turn-taking';

export type SpeechSource = 'utterances' | 'energy';

export interface ScenarioOptions {
  /** One persona per member (the facilitator comes on top). */
  personas: readonly MemberPersona[];
  durationSeconds: number;
  seed: number;
  /** Utterances from the members' own voice-activity detection, or microphone energy stats only. */
  speech: SpeechSource;
  /** Replay this meeting's turn-taking instead of the synthetic conversation. */
  ami?: AmiMeeting;
}

/** A whole simulated session, decided up front from the seed: who does what, when. */
export interface Scenario {
  options: ScenarioOptions;
  /** The facilitator first, then the members in the order of `personas`. */
  plans: MemberPlan[];
  observations: FacilitatorObservation[];
}

export function buildScenario(options: ScenarioOptions): Scenario {
  const { durationSeconds, seed } = options;
  if (!(durationSeconds >= 30)) throw new RangeError(`a session lasts at least 30 s (got ${durationSeconds})`);
  const arrivals = createSeededRandom(seed ^ 0xa771);
  // The facilitator opens the room; members drift in over the first half minute. An AMI
  // meeting's speakers are all there from its first second, so its turns replay whole.
  const joinOffset = (): number => (options.ami ? 0 : Math.round(arrivals.between(1, 30) * 1000) / 1000);
  const plans = [
    planMember('facilitator', 'facilitator', seed, durationSeconds, 0),
    ...options.personas.map((persona, index) =>
      planMember(`m${index + 1}-${persona}`, persona, seed, durationSeconds, joinOffset()),
    ),
  ];
  if (options.ami) replayAmiMeeting(plans, options.ami, durationSeconds);
  else planConversation(plans, durationSeconds, seed);
  return { options, plans, observations: facilitatorObservations(plans, durationSeconds, seed) };
}
