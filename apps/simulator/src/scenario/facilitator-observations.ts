import type { DefaultFacilitatorCode } from '@attune/protocol';
import { createSeededRandom } from '@attune/metrics/speaking/testing';
import type { MemberPlan } from '../member/member-plan';
import { contains } from './spans';

/** One tap of the simulated facilitator: what they noticed, about whom, when (seconds from start). */
export interface FacilitatorObservation {
  atSeconds: number;
  code: DefaultFacilitatorCode;
  /** The member's plan key; absent for the whole group. */
  about?: string;
}

/**
 * What an attentive facilitator logs, from what really happened: a member who keeps their tab
 * hidden for a while (`distracted`), a member whose connection dropped (`technical-issue`), the
 * withdrawing member once they have faded (`withdrawn`), members who share at length (`shared`)
 * and members answering each other (`responded-to-peer`). Not every moment is logged, as in
 * life; these are labels for the models, so each is recorded in the ground truth.
 */
export function facilitatorObservations(
  plans: readonly MemberPlan[],
  durationSeconds: number,
  seed: number,
): FacilitatorObservation[] {
  const random = createSeededRandom(seed ^ 0xfac1);
  const facilitator = plans.find((plan) => plan.role === 'facilitator');
  if (!facilitator) return [];
  const members = plans.filter((plan) => plan.role === 'member');
  const observations: FacilitatorObservation[] = [];
  const canLog = (atSeconds: number): boolean =>
    atSeconds < durationSeconds - 5 &&
    contains([facilitator.stay], atSeconds) &&
    !contains(facilitator.outages, atSeconds);

  for (const member of members) {
    for (const hidden of member.hidden) {
      const at = hidden.startSeconds + random.between(30, 60);
      if (at < hidden.endSeconds && random.next() < 0.8 && canLog(at)) {
        observations.push({ atSeconds: at, code: 'distracted', about: member.key });
      }
    }
    for (const outage of member.outages) {
      const at = outage.endSeconds + random.between(5, 20);
      if (canLog(at)) observations.push({ atSeconds: at, code: 'technical-issue', about: member.key });
    }
    if (member.persona === 'withdrawing') {
      const at = durationSeconds * random.between(0.55, 0.7);
      if (canLog(at)) observations.push({ atSeconds: at, code: 'withdrawn', about: member.key });
    }
    for (const turn of member.speech) {
      const at = turn.endSeconds + random.between(1, 4);
      if (turn.endSeconds - turn.startSeconds >= 15 && random.next() < 0.35 && canLog(at)) {
        observations.push({ atSeconds: at, code: 'shared', about: member.key });
      }
    }
  }
  for (const reply of memberReplies(members)) {
    const at = reply.atSeconds + random.between(2, 6);
    if (random.next() < 0.3 && canLog(at))
      observations.push({ atSeconds: at, code: 'responded-to-peer', about: reply.by });
  }
  return observations.sort((a, b) => a.atSeconds - b.atSeconds);
}

/** Turns of ≥ 2 s that start within 3 s after another member's turn ended: a member answering a member. */
function memberReplies(members: readonly MemberPlan[]): Array<{ by: string; atSeconds: number }> {
  const turns = members
    .flatMap((member) => member.speech.map((turn) => ({ key: member.key, ...turn })))
    .filter((turn) => turn.endSeconds - turn.startSeconds >= 2)
    .sort((a, b) => a.startSeconds - b.startSeconds);
  const replies: Array<{ by: string; atSeconds: number }> = [];
  for (let index = 1; index < turns.length; index++) {
    const before = turns[index - 1];
    const turn = turns[index];
    const gap = turn.startSeconds - before.endSeconds;
    if (turn.key !== before.key && gap >= -1 && gap <= 3) replies.push({ by: turn.key, atSeconds: turn.endSeconds });
  }
  return replies;
}
