import type { RtcStats } from './index';

/**
 * Fields of candidate and transport stats that identify a member's network (IP addresses,
 * ports, TURN URLs, ICE credentials). The metrics never need them, so collectors drop them
 * before sending and the server drops them again before storing: the protocol keeps unknown
 * fields, so it cannot be the protocol that forbids them.
 */
export const PRIVACY_SENSITIVE_STATS_FIELDS: readonly string[] = [
  'address',
  'ip',
  'port',
  'relatedAddress',
  'relatedPort',
  'url',
  'usernameFragment',
  'iceLocalUsernameFragment',
  // Legacy Chrome (goog*) stats name the same things differently.
  'ipAddress',
  'portNumber',
  'googLocalAddress',
  'googRemoteAddress',
];

/** A copy of `stats` without PRIVACY_SENSITIVE_STATS_FIELDS; the input is not modified. */
export function withoutSensitiveFields<Stats extends RtcStats>(stats: Stats): Stats {
  if (!PRIVACY_SENSITIVE_STATS_FIELDS.some((field) => field in stats)) return stats;
  const copy: Record<string, unknown> = { ...stats };
  for (const field of PRIVACY_SENSITIVE_STATS_FIELDS) delete copy[field];
  return copy as Stats;
}
