import { resolveStatsDelta, type ResolvedStatsDelta, type StatsDeltaMessage, type StatsObject } from '@attune/protocol';

/**
 * How many stored reports per peer connection stay resolvable. The collector deltas against the
 * newest report it has seen acknowledged, which with 1 s polling and sub-second acks is the last
 * or the one before; a few more cover acks delayed by a slow link.
 */
const REPORTS_PER_PEER_CONNECTION = 4;
/** A member in a mesh call has one peer connection per other member; more is abuse. */
const MAX_PEER_CONNECTIONS = 32;

/** A peer connection without a collector-given id. */
const DEFAULT_PEER_CONNECTION = '';

interface StoredReport {
  seq: number;
  stats: readonly StatsObject[];
}

/**
 * One participant's recently stored stats reports, per peer connection: the baselines their
 * collector's delta-compressed reports are resolved against. Only reports the server stored are
 * remembered, and the collector only deltas against reports it saw acknowledged, so a lost
 * message never corrupts a later one.
 */
export class StatsBaselines {
  private readonly byPeerConnection = new Map<string, StoredReport[]>();

  remember(peerConnectionId: string | undefined, seq: number, stats: readonly StatsObject[]): void {
    const key = peerConnectionId ?? DEFAULT_PEER_CONNECTION;
    let reports = this.byPeerConnection.get(key);
    if (!reports) {
      if (this.byPeerConnection.size >= MAX_PEER_CONNECTIONS) this.forgetOldestPeerConnection();
      reports = [];
      this.byPeerConnection.set(key, reports);
    } else {
      // Map order is insertion order: re-inserting keeps the most recently used last.
      this.byPeerConnection.delete(key);
      this.byPeerConnection.set(key, reports);
    }
    // An envelope can carry several reports of one peer connection (a collector catching up
    // after an outage); the last of them is the one `deltaOf: seq` means.
    const last = reports.at(-1);
    if (last?.seq === seq) {
      last.stats = stats;
      return;
    }
    reports.push({ seq, stats });
    if (reports.length > REPORTS_PER_PEER_CONNECTION) reports.shift();
  }

  has(peerConnectionId: string | undefined, seq: number): boolean {
    return this.find(peerConnectionId, seq) !== undefined;
  }

  resolve(delta: StatsDeltaMessage, path: string): ResolvedStatsDelta {
    const baseline = this.find(delta.peerConnectionId, delta.deltaOf);
    if (!baseline) {
      return {
        ok: false,
        issues: [
          {
            path: `${path}/deltaOf`,
            reason: `no stored stats report of this peer connection has seq ${delta.deltaOf}; send the full report`,
          },
        ],
      };
    }
    return resolveStatsDelta(baseline, delta, path);
  }

  private find(peerConnectionId: string | undefined, seq: number): readonly StatsObject[] | undefined {
    const reports = this.byPeerConnection.get(peerConnectionId ?? DEFAULT_PEER_CONNECTION);
    return reports?.findLast((report) => report.seq === seq)?.stats;
  }

  private forgetOldestPeerConnection(): void {
    const oldest = this.byPeerConnection.keys().next();
    if (!oldest.done) this.byPeerConnection.delete(oldest.value);
  }
}

/** The (peer connection, seq) pairs an incoming envelope's delta messages refer to. */
export function deltaBaselinesOf(envelope: unknown): Array<{ peerConnectionId: string | undefined; seq: number }> {
  const messages = (envelope as { messages?: unknown } | null)?.messages;
  if (!Array.isArray(messages)) return [];
  const wanted: Array<{ peerConnectionId: string | undefined; seq: number }> = [];
  for (const message of messages as unknown[]) {
    if (typeof message !== 'object' || message === null) continue;
    const { kind, deltaOf, peerConnectionId } = message as Record<string, unknown>;
    if (kind !== 'stats' || typeof deltaOf !== 'number' || !Number.isSafeInteger(deltaOf)) continue;
    wanted.push({
      peerConnectionId: typeof peerConnectionId === 'string' ? peerConnectionId : undefined,
      seq: deltaOf,
    });
  }
  return wanted;
}
