import type { SeededRandom } from '@attune/metrics/speaking/testing';
import { overlapsAny, span, type TimeSpan } from '../scenario/spans';

export interface EpisodeRule {
  perHour: number;
  lengthSeconds: [number, number];
  /** When this is the persona's signature, its first episode comes this soon (uniform), so short sessions show it too. */
  firstAfterSeconds?: [number, number];
}

/**
 * Episodes (a hidden tab, the camera off, an outage…) as a Poisson process over the member's
 * presence: exponential gaps with the rule's rate, uniform lengths. An episode that would touch
 * one in `avoid` (another kind of episode that must not coincide with it) is skipped, and none
 * runs into the last 15 s of the stay, so every episode has a clean start and end.
 */
export function episodes(
  rule: EpisodeRule,
  stay: TimeSpan,
  random: SeededRandom,
  avoid: readonly TimeSpan[] = [],
): TimeSpan[] {
  if (!(rule.perHour > 0)) return [];
  const meanGapSeconds = 3600 / rule.perHour;
  const [shortest, longest] = rule.lengthSeconds;
  const found: TimeSpan[] = [];
  let at =
    stay.startSeconds +
    (rule.firstAfterSeconds ? random.between(...rule.firstAfterSeconds) : 20 + random.exponential(meanGapSeconds));
  while (true) {
    const length = random.between(shortest, longest);
    const candidate = span(at, at + length);
    if (candidate.endSeconds > stay.endSeconds - 15) break;
    if (!overlapsAny(candidate, avoid, 5) && !overlapsAny(candidate, found, 20)) found.push(candidate);
    at = candidate.endSeconds + 20 + random.exponential(meanGapSeconds);
  }
  return found;
}
