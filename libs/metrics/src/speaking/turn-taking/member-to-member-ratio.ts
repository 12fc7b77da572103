export interface TransitionCount {
  from: string;
  to: string;
  count: number;
}

/**
 * Transitions between two members / all transitions. A hub-and-spoke group talks through the
 * leader (ratio near 0); a cohesive one talks to each other. null when there were no transitions.
 */
export function memberToMemberRatio(
  transitions: Iterable<TransitionCount>,
  facilitatorIds: ReadonlySet<string>,
): number | null {
  let all = 0;
  let betweenMembers = 0;
  for (const { from, to, count } of transitions) {
    all += count;
    if (!facilitatorIds.has(from) && !facilitatorIds.has(to)) betweenMembers += count;
  }
  return all > 0 ? betweenMembers / all : null;
}
