import { isFacilitatorCodeAllowed } from '../schema/facilitator-event';
import type { Message, StatsMessage } from '../schema/messages';
import type { ValidationIssue } from '../transport';

/** Server policy that the schema cannot express; resolved once per checkEnvelope call. */
export interface MessagePolicy {
  facilitatorCodes: ReadonlySet<string> | readonly string[];
  allowFacilitatorNotes: boolean;
}

/**
 * Rules that need more than one field or server configuration. Runs on schema-valid messages
 * only, so it can trust their shape; returns undefined (not []) to stay allocation-free on
 * the hot path.
 */
export function semanticIssues(message: Message, path: string, policy: MessagePolicy): ValidationIssue[] | undefined {
  switch (message.kind) {
    case 'utterance':
      if (message.end >= message.start) return undefined;
      return [
        { path: `${path}/end`, reason: `must not be before start (end ${message.end} < start ${message.start})` },
      ];
    case 'stats':
      return duplicateStatsIds(message, path);
    case 'facilitator-event': {
      const issues: ValidationIssue[] = [];
      if (!isFacilitatorCodeAllowed(message.code, policy.facilitatorCodes)) {
        issues.push({
          path: `${path}/code`,
          reason: `facilitator code "${message.code}" is not configured on this server`,
        });
      }
      if (message.note !== undefined && !policy.allowFacilitatorNotes) {
        issues.push({ path: `${path}/note`, reason: 'facilitator notes are disabled on this server' });
      }
      return issues.length > 0 ? issues : undefined;
    }
    case 'client-event':
    case 'join':
    case 'leave':
      return undefined;
  }
}

/** The pipeline keys cumulative counters by stats id; two objects with one id would corrupt deltas. */
function duplicateStatsIds(message: StatsMessage, path: string): ValidationIssue[] | undefined {
  // Reading each id once matters: objects of a dozen shapes make every `.id` read megamorphic.
  const ids = message.stats.map((stats) => stats.id);
  if (new Set(ids).size === ids.length) return undefined;
  const issues: ValidationIssue[] = [];
  ids.forEach((id, index) => {
    const firstIndex = ids.indexOf(id);
    if (firstIndex === index) return;
    issues.push({
      path: `${path}/stats/${index}/id`,
      reason: `duplicate stats id (same as ${path}/stats/${firstIndex}/id)`,
    });
  });
  return issues;
}
