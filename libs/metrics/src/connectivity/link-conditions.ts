import { DEFAULT_PEER_CONNECTION_ID } from '../normalize/normalize-report';

/*
 * The participant's media link, from the ICE and connection state events of all their peer
 * connections. One participant often has several (Jitsi keeps a P2P and an SFU connection and
 * closes one of them; a reload creates a new one), so a failed or closed connection only takes the
 * participant down when no other connection carries them: the participant's link is the BEST of
 * their connections', and each connection's is the WORST of its ICE and connection states.
 */

export type LinkCondition = 'up' | 'pending' | 'down' | 'failed';
/** `closed`: every known connection was closed; `unknown`: no state event seen (stats-only source). */
export type ParticipantLink = LinkCondition | 'closed' | 'unknown';

const SEVERITY: Readonly<Record<LinkCondition, number>> = { up: 0, pending: 1, down: 2, failed: 3 };

interface PeerConnectionLink {
  readonly ice?: LinkCondition;
  readonly connection?: LinkCondition;
  readonly updatedAt: number;
}

export interface LinkConditions {
  readonly peerConnections: Readonly<Record<string, PeerConnectionLink>>;
  readonly anyClosed: boolean;
}

export const NO_LINKS: LinkConditions = { peerConnections: {}, anyClosed: false };

/** Closed connections are dropped; beyond this many, the least recently updated is forgotten. */
const MAX_PEER_CONNECTIONS = 8;

export function linkConditionOf(state: string): LinkCondition | 'closed' | undefined {
  switch (state) {
    case 'connected':
    case 'completed':
      return 'up';
    case 'new':
    case 'checking':
    case 'connecting':
      return 'pending';
    case 'disconnected':
      return 'down';
    case 'failed':
      return 'failed';
    case 'closed':
      return 'closed';
    default:
      return undefined; // an unknown state from a future browser changes nothing
  }
}

export interface LinkUpdate {
  readonly links: LinkConditions;
  /** This event took its connection into `failed` (counted once per fall). */
  readonly newlyFailed: boolean;
}

export function applyLinkEvent(
  links: LinkConditions,
  source: 'ice' | 'connection',
  state: string,
  at: number,
  peerConnectionId: string = DEFAULT_PEER_CONNECTION_ID,
): LinkUpdate {
  const condition = linkConditionOf(state);
  if (condition === undefined) return { links, newlyFailed: false };
  const { [peerConnectionId]: previous, ...others } = links.peerConnections;
  if (condition === 'closed') return { links: { peerConnections: others, anyClosed: true }, newlyFailed: false };

  const updated: PeerConnectionLink = { ...previous, [source]: condition, updatedAt: at };
  const wasFailed = previous !== undefined && peerConnectionCondition(previous) === 'failed';
  const peerConnections = keepMostRecent({ ...others, [peerConnectionId]: updated });
  return {
    links: { peerConnections, anyClosed: links.anyClosed },
    newlyFailed: !wasFailed && peerConnectionCondition(updated) === 'failed',
  };
}

export function participantLink(links: LinkConditions): ParticipantLink {
  const conditions = Object.values(links.peerConnections).map(peerConnectionCondition);
  if (conditions.length === 0) return links.anyClosed ? 'closed' : 'unknown';
  return conditions.reduce((best, condition) => (SEVERITY[condition] < SEVERITY[best] ? condition : best));
}

function peerConnectionCondition({ ice, connection }: PeerConnectionLink): LinkCondition {
  const known = [ice, connection].filter((condition): condition is LinkCondition => condition !== undefined);
  return known.reduce((worst, condition) => (SEVERITY[condition] > SEVERITY[worst] ? condition : worst), 'up');
}

function keepMostRecent(
  peerConnections: Readonly<Record<string, PeerConnectionLink>>,
): Readonly<Record<string, PeerConnectionLink>> {
  const entries = Object.entries(peerConnections);
  if (entries.length <= MAX_PEER_CONNECTIONS) return peerConnections;
  return Object.fromEntries(entries.sort(([, a], [, b]) => b.updatedAt - a.updatedAt).slice(0, MAX_PEER_CONNECTIONS));
}
