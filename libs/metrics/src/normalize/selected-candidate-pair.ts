import { readBoolean, readNumber, readString } from './read-field';
import type { RtcStats } from './rtc-stats';
import { viewCandidatePair, type CandidatePairView, type StatsById } from './stats-views';

/**
 * The candidate pair actually carrying media. The standard way is `transport.selectedCandidatePairId`;
 * Firefox has no transport stats but flags the pair `selected`; as a last resort the pair that is
 * nominated and succeeded (several may be, briefly, during an ICE restart: take the busiest).
 */
export function findSelectedCandidatePair(stats: readonly RtcStats[], byId: StatsById): CandidatePairView | undefined {
  const pair = selectedCandidatePairStats(stats, byId);
  return pair && viewCandidatePair(pair);
}

/** `findSelectedCandidatePair`'s stats object, found without making a view of every pair. */
export function selectedCandidatePairStats(stats: readonly RtcStats[], byId: StatsById): RtcStats | undefined {
  for (const transport of stats) {
    if (transport.type !== 'transport') continue;
    const pairId = readString(transport, 'selectedCandidatePairId');
    const pair = pairId ? byId.get(pairId) : undefined;
    if (pair?.type === 'candidate-pair') return pair;
  }
  let busiestNominated: RtcStats | undefined;
  for (const pair of stats) {
    if (pair.type !== 'candidate-pair') continue;
    if (readBoolean(pair, 'selected') === true) return pair;
    const nominated = readBoolean(pair, 'nominated') === true && readString(pair, 'state') === 'succeeded';
    // The first of the busiest, should two have carried as much.
    if (nominated && (!busiestNominated || bytesCarried(pair) > bytesCarried(busiestNominated)))
      busiestNominated = pair;
  }
  return busiestNominated;
}

function bytesCarried(pair: RtcStats): number {
  return (readNumber(pair, 'bytesSent') ?? 0) + (readNumber(pair, 'bytesReceived') ?? 0);
}

/** `host`, `srflx`, `prflx` or `relay` — relay means the media goes through a TURN server. */
export function candidateType(candidateId: string | undefined, byId: StatsById): string | undefined {
  return candidateId ? readString(byId.get(candidateId), 'candidateType') : undefined;
}
