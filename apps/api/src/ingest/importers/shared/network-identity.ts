import { withoutSensitiveFields, type RtcStats } from '@attune/protocol';

/**
 * Chrome's legacy (goog*) stats name the member's addresses differently from the W3C fields that
 * PRIVACY_SENSITIVE_STATS_FIELDS lists, so legacy dumps would otherwise carry IPs and ports through.
 */
const LEGACY_NETWORK_FIELDS: readonly string[] = ['ipAddress', 'portNumber', 'googLocalAddress', 'googRemoteAddress'];

/** A copy of `stats` without IP addresses, ports, TURN URLs or ICE credentials, standard or legacy. */
export function withoutNetworkIdentity<Stats extends RtcStats>(stats: Stats): Stats {
  const stripped = withoutSensitiveFields(stats);
  if (!LEGACY_NETWORK_FIELDS.some((field) => field in stripped)) return stripped;
  const copy: Record<string, unknown> = { ...stripped };
  for (const field of LEGACY_NETWORK_FIELDS) delete copy[field];
  return copy as Stats;
}
