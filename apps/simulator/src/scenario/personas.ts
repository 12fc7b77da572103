/**
 * The kinds of member the simulator plays, and what makes each one recognisable. The numbers
 * are the simulator's intentions; what a member actually did (their ground truth) is recorded
 * as it is generated, so nothing here has to be exact.
 */
export const MEMBER_PERSONAS = [
  'talkative',
  'quiet',
  'withdrawing',
  'distracted',
  'poor-network',
  'dropper',
  'camera-shy',
  'steady',
] as const;

export type MemberPersona = (typeof MEMBER_PERSONAS)[number];
export type Persona = MemberPersona | 'facilitator';

export interface PersonaTraits {
  /** How readily they take the floor, relative to a steady member (1). `progress` is 0 at the start, 1 at the end. */
  talkWeight(progress: number): number;
  /** Median length of their turns, seconds. */
  medianTurnSeconds(progress: number): number;
  /** Hidden-tab and window-blur episodes per hour, and their typical lengths in seconds. */
  hiddenPerHour: number;
  hiddenSeconds: [number, number];
  /** The behaviour that defines the persona: its first episode comes this soon, so short sessions show it too. */
  signature?: { behaviour: 'outages' | 'hidden' | 'cameraOff'; firstAfterSeconds: [number, number] };
  blurPerHour: number;
  blurSeconds: [number, number];
  /** Camera-off stretches per hour and their lengths; mic-muted stretches likewise. */
  cameraOffPerHour: number;
  cameraOffSeconds: [number, number];
  mutedPerHour: number;
  mutedSeconds: [number, number];
  /** Connection outages (the member's network fails, then they come back) per hour, and their lengths. */
  dropsPerHour: number;
  dropSeconds: [number, number];
  network: 'good' | 'poor';
  /** Non-speech noise bursts in their room per minute (keyboard, door, a dog). */
  noiseBurstsPerMinute: number;
}

const steady: PersonaTraits = {
  talkWeight: () => 1,
  medianTurnSeconds: () => 9,
  hiddenPerHour: 0.5,
  hiddenSeconds: [10, 30],
  blurPerHour: 1,
  blurSeconds: [5, 20],
  cameraOffPerHour: 0,
  cameraOffSeconds: [0, 0],
  mutedPerHour: 0,
  mutedSeconds: [0, 0],
  dropsPerHour: 0,
  dropSeconds: [0, 0],
  network: 'good',
  noiseBurstsPerMinute: 0.5,
};

export const PERSONA_TRAITS: Record<Persona, PersonaTraits> = {
  steady,
  talkative: { ...steady, talkWeight: () => 2, medianTurnSeconds: () => 15 },
  // Rarely takes the floor, briefly, and never gets the "it's your turn" boost the others get.
  quiet: { ...steady, talkWeight: () => 0.15, medianTurnSeconds: () => 3 },
  // Talks early, then fades: weight and turn length fall over the session.
  withdrawing: {
    ...steady,
    talkWeight: (progress) => 2.2 * Math.exp(-4 * progress),
    medianTurnSeconds: (progress) => 14 - 10 * Math.min(1, progress * 1.5),
    cameraOffPerHour: 1,
    cameraOffSeconds: [120, 300],
  },
  distracted: {
    ...steady,
    hiddenPerHour: 10,
    hiddenSeconds: [40, 150],
    signature: { behaviour: 'hidden', firstAfterSeconds: [30, 90] },
    blurPerHour: 8,
    blurSeconds: [10, 45],
    mutedPerHour: 2,
    mutedSeconds: [30, 90],
    noiseBurstsPerMinute: 4,
  },
  'poor-network': { ...steady, network: 'poor' },
  dropper: {
    ...steady,
    dropsPerHour: 8,
    dropSeconds: [25, 70],
    signature: { behaviour: 'outages', firstAfterSeconds: [40, 100] },
  },
  'camera-shy': {
    ...steady,
    talkWeight: () => 0.8,
    cameraOffPerHour: 3,
    cameraOffSeconds: [240, 600],
    signature: { behaviour: 'cameraOff', firstAfterSeconds: [30, 120] },
    mutedPerHour: 2,
    mutedSeconds: [60, 180],
  },
  // The facilitator's own weight is decided turn by turn (they answer members: hub and spoke).
  facilitator: { ...steady, hiddenPerHour: 0, blurPerHour: 0, medianTurnSeconds: () => 8 },
};

/** The personas of a group of `count` members when none are given: every kind once, then steady ones. */
export function defaultPersonas(count: number): MemberPersona[] {
  return Array.from({ length: count }, (_, index) => MEMBER_PERSONAS[index] ?? 'steady');
}

export function isMemberPersona(name: string): name is MemberPersona {
  return (MEMBER_PERSONAS as readonly string[]).includes(name);
}
