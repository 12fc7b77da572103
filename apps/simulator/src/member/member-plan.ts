import {
  createSeededRandom,
  randomVoiceProfile,
  seedFromText,
  type VoiceProfile,
} from '@attune/metrics/speaking/testing';
import { PERSONA_TRAITS, type Persona } from '../scenario/personas';
import { span, subtractSpans, type TimeSpan } from '../scenario/spans';
import { episodes } from './behaviour';
import { networkTrack, type NetworkTrack } from './network-condition';

/**
 * Everything one simulated participant does in the session, decided before anything is sent
 * (seconds from the session's start). It is the ground truth: the protocol output is derived
 * from it, never the other way round. `speech` is filled in by the turn-taking step, which needs
 * every member's availability.
 */
export interface MemberPlan {
  /** Stable name within the scenario: `facilitator`, `m1-talkative`, … (never sent: ids are). */
  key: string;
  persona: Persona;
  role: 'member' | 'facilitator';
  /** Seed of everything random about this participant's device. */
  seed: number;
  stay: TimeSpan;
  /** The member's network is down: nothing arrives, then a new connection. */
  outages: TimeSpan[];
  hidden: TimeSpan[];
  /** Window blurred while the tab is visible. */
  blurred: TimeSpan[];
  cameraOff: TimeSpan[];
  muted: TimeSpan[];
  speech: TimeSpan[];
  network: NetworkTrack;
  voice: VoiceProfile;
}

export function planMember(
  key: string,
  persona: Persona,
  scenarioSeed: number,
  durationSeconds: number,
  joinOffsetSeconds: number,
): MemberPlan {
  const seed = (scenarioSeed ^ seedFromText(`participant:${key}`)) >>> 0;
  const random = createSeededRandom(seed);
  const traits = PERSONA_TRAITS[persona];
  const stay = span(joinOffsetSeconds, durationSeconds);
  const signature = (behaviour: 'outages' | 'hidden' | 'cameraOff') =>
    traits.signature?.behaviour === behaviour ? { firstAfterSeconds: traits.signature.firstAfterSeconds } : {};
  const outages = episodes(
    { perHour: traits.dropsPerHour, lengthSeconds: traits.dropSeconds, ...signature('outages') },
    stay,
    random,
  );
  const hidden = episodes(
    { perHour: traits.hiddenPerHour, lengthSeconds: traits.hiddenSeconds, ...signature('hidden') },
    stay,
    random,
    outages,
  );
  // Hiding a tab blurs the window too; the blur observations are the ones while visible.
  const blurred = episodes({ perHour: traits.blurPerHour, lengthSeconds: traits.blurSeconds }, stay, random, [
    ...outages,
    ...hidden,
  ]);
  const cameraOff = episodes(
    { perHour: traits.cameraOffPerHour, lengthSeconds: traits.cameraOffSeconds, ...signature('cameraOff') },
    stay,
    random,
    outages,
  );
  const muted = episodes({ perHour: traits.mutedPerHour, lengthSeconds: traits.mutedSeconds }, stay, random, outages);
  const voice = {
    ...randomVoiceProfile(random),
    noiseBurstsPerMinute: traits.noiseBurstsPerMinute,
  };
  return {
    key,
    persona,
    role: persona === 'facilitator' ? 'facilitator' : 'member',
    seed,
    stay,
    outages,
    hidden,
    blurred,
    cameraOff,
    muted,
    speech: [],
    network: networkTrack(traits.network, durationSeconds, random),
    voice,
  };
}

/** When the member can be heard: present, connected, not muted. */
export function audibleSpans(plan: MemberPlan): TimeSpan[] {
  return subtractSpans([plan.stay], [...plan.outages, ...plan.muted]);
}
