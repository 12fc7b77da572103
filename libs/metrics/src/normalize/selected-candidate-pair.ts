import { readString } from './read-field';
import type { RtcStats } from './rtc-stats';
import { viewCandidatePair, type CandidatePairView, type StatsById } from './stats-views';

/**
 * The candidate pair actually carrying media. The standard way is `transport.selectedCandidatePairId`;
 * Firefox has no transport stats but flags the pair `selected`; as a last resort the pair that is
 * nominated and succeeded (several may be, briefly, during an ICE restart: take the busiest).
 */
export function findSelectedCandidatePair(stats: readonly RtcStats[], byId: StatsById): CandidatePairView | undefined {
  for (const transport of stats) {
    if (transport.type !== 'transport') continue;
    const pairId = readString(transport, 'selectedCandidatePairId');
    const pair = pairId ? byId.get(pairId) : undefined;
    const view = pair ? viewCandidatePair(pair) : undefined;
    if (view) return view;
  }
  const pairs = stats.map(viewCandidatePair).filter((pair): pair is CandidatePairView => pair !== undefined);
  const flagged = pairs.find((pair) => pair.selected === true);
  if (flagged) return flagged;
  const nominated = pairs.filter((pair) => pair.nominated === true && pair.gauges.state === 'succeeded');
  return nominated.sort((a, b) => bytesCarried(b) - bytesCarried(a))[0];
}

function bytesCarried(pair: CandidatePairView): number {
  return (pair.counters.bytesSent ?? 0) + (pair.counters.bytesReceived ?? 0);
}

/** `host`, `srflx`, `prflx` or `relay` — relay means the media goes through a TURN server. */
export function candidateType(candidateId: string | undefined, byId: StatsById): string | undefined {
  return candidateId ? readString(byId.get(candidateId), 'candidateType') : undefined;
}
