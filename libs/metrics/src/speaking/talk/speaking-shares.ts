/**
 * p_i = talk_i / Σ talk over the given participants. When nobody talked every share is null:
 * there is no share of nothing, and 0 would read as "this member never got a word in".
 */
export function speakingShares(talkSeconds: ReadonlyMap<string, number>): Map<string, number | null> {
  let total = 0;
  for (const seconds of talkSeconds.values()) total += seconds;
  const shares = new Map<string, number | null>();
  for (const [participantId, seconds] of talkSeconds) shares.set(participantId, total > 0 ? seconds / total : null);
  return shares;
}

/** One group's part of all talk (e.g. the facilitator's); null when nobody talked. */
export function shareOfTalk(partSeconds: number, totalSeconds: number): number | null {
  return totalSeconds > 0 ? partSeconds / totalSeconds : null;
}
