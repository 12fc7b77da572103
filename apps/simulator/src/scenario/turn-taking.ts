import { createSeededRandom, type SeededRandom } from '@attune/metrics/speaking/testing';
import { audibleSpans, type MemberPlan } from '../member/member-plan';
import { PERSONA_TRAITS } from './personas';
import { contains, nextStartAfter, span, unionOfSpans, type TimeSpan } from './spans';

/**
 * Synthetic turn-taking for a group: one speaker holds the floor at a time, chosen by persona
 * (talkative members take it often and keep it long, quiet ones rarely and briefly), with a
 * facilitator who answers members (hub and spoke) but not always, short pauses or overlapping
 * hand-overs, and backchannels ("mm", "yes") from listeners during long turns. Nobody speaks
 * while they cannot be heard (away, disconnected, muted), so the result is exactly what the
 * members' devices hear. Fills in every plan's `speech`.
 */
export function planConversation(plans: readonly MemberPlan[], durationSeconds: number, seed: number): void {
  const random = createSeededRandom(seed ^ 0x7a11c);
  const audible = new Map(plans.map((plan) => [plan.key, audibleSpans(plan)]));
  const spoken = new Map<string, TimeSpan[]>(plans.map((plan) => [plan.key, []]));
  const lastSpokeAt = new Map<string, number>(plans.map((plan) => [plan.key, plan.stay.startSeconds]));
  let previous: MemberPlan | undefined;
  let at = Math.min(...plans.map((plan) => plan.stay.startSeconds)) + 5;

  while (at < durationSeconds - 2) {
    const candidates = plans.filter((plan) => plan !== previous && contains(audible.get(plan.key) ?? [], at));
    if (candidates.length === 0) {
      at += 1;
      continue;
    }
    const memberWeights = candidates
      .filter((plan) => plan.role === 'member')
      .reduce((sum, plan) => sum + floorWeight(plan, at, durationSeconds, lastSpokeAt), 0);
    const speaker = pick(
      candidates,
      (plan) =>
        plan.role === 'facilitator'
          ? facilitatorWeight(previous, memberWeights)
          : floorWeight(plan, at, durationSeconds, lastSpokeAt),
      random,
    );
    const traits = PERSONA_TRAITS[speaker.persona];
    const median = traits.medianTurnSeconds(at / durationSeconds);
    const wanted = Math.min(120, Math.max(0.8, median * Math.exp(0.6 * random.normal())));
    // A turn ends early when the speaker becomes inaudible (a mute, an outage, leaving).
    const end = Math.min(at + wanted, audibleUntil(audible.get(speaker.key) ?? [], at), durationSeconds - 1);
    if (end - at >= 0.5) {
      spoken.get(speaker.key)?.push(span(at, end));
      lastSpokeAt.set(speaker.key, end);
      addBackchannels(plans, speaker, span(at, end), audible, spoken, random);
      previous = speaker;
    }
    // Hand-overs: mostly a short pause, sometimes an overlap, sometimes a longer silence.
    const roll = random.next();
    const gap = roll < 0.2 ? -random.between(0.2, 0.8) : roll < 0.9 ? random.between(0.2, 1.8) : random.between(3, 9);
    at = Math.max(at + 0.5, end + gap);
  }
  for (const plan of plans) plan.speech = unionOfSpans(spoken.get(plan.key) ?? []);
}

/**
 * The facilitator opens, and answers about every other member turn (hub and spoke); members
 * also answer each other, which is what a cohesive group does.
 */
function facilitatorWeight(previous: MemberPlan | undefined, memberWeights: number): number {
  if (previous === undefined) return 1000;
  return previous.role === 'member' ? memberWeights : 0;
}

function floorWeight(
  plan: MemberPlan,
  at: number,
  durationSeconds: number,
  lastSpokeAt: ReadonlyMap<string, number>,
): number {
  const base = PERSONA_TRAITS[plan.persona].talkWeight(at / durationSeconds);
  if (contains(plan.hidden, at)) return base * 0.2;
  // Groups draw in members who have not spoken for a while, except the quiet one, who resists.
  if (plan.persona === 'quiet') return base;
  const waitingSeconds = at - (lastSpokeAt.get(plan.key) ?? at);
  return base * (1 + Math.min(2, waitingSeconds / 240));
}

function addBackchannels(
  plans: readonly MemberPlan[],
  speaker: MemberPlan,
  turn: TimeSpan,
  audible: ReadonlyMap<string, TimeSpan[]>,
  spoken: Map<string, TimeSpan[]>,
  random: SeededRandom,
): void {
  const length = turn.endSeconds - turn.startSeconds;
  if (length < 6 || random.next() > 0.5) return;
  const at = turn.startSeconds + random.between(2, length - 2);
  const listeners = plans.filter(
    (plan) => plan !== speaker && plan.persona !== 'quiet' && contains(audible.get(plan.key) ?? [], at),
  );
  if (listeners.length === 0) return;
  const listener = listeners[Math.floor(random.next() * listeners.length)];
  const end = Math.min(at + random.between(0.4, 1.2), audibleUntil(audible.get(listener.key) ?? [], at));
  if (end > at) spoken.get(listener.key)?.push(span(at, end));
}

/** The end of the audible span containing `at`. */
function audibleUntil(spans: readonly TimeSpan[], at: number): number {
  const current = spans.find((piece) => piece.startSeconds <= at && at < piece.endSeconds);
  return current ? current.endSeconds : Math.min(at, nextStartAfter(spans, at));
}

function pick<Item>(items: readonly Item[], weightOf: (item: Item) => number, random: SeededRandom): Item {
  const weights = items.map(weightOf);
  const total = weights.reduce((sum, weight) => sum + weight, 0);
  let roll = random.next() * total;
  for (let index = 0; index < items.length; index++) {
    roll -= weights[index];
    if (roll < 0) return items[index];
  }
  return items[items.length - 1];
}
