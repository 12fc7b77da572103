import type { StatsObject } from '@attune/protocol/delta/stats-delta';

/*
 * Which getStats() objects leave the member's device. The rule is "what the metrics read"
 * (libs/metrics/src/normalize/stats-views.ts, selected-candidate-pair.ts, session/media-source-energy.ts):
 * - inbound-rtp, outbound-rtp, remote-inbound-rtp: loss, jitter, RTT, bitrate, frames, freezes,
 *   concealment, quality limitation;
 * - media-source: the microphone energy the speaking fallback uses;
 * - transport: which candidate pair is selected;
 * - the selected candidate pair(s) only, and their two candidates reduced to their type (relay
 *   or not), never an address, port or URL;
 * - codec objects an RTP stream points at, reduced to the MIME type (Safari leaves `kind` empty
 *   and the metrics fall back to it), and legacy `track` objects an inbound-rtp points at (old
 *   Chrome and Safari keep the receive counters there).
 * Everything else (certificates, data channels, remote-outbound-rtp, media-playout, the other
 * candidate pairs and every candidate's network identity) stays on the device.
 */

const ALWAYS_SENT = new Set(['inbound-rtp', 'outbound-rtp', 'remote-inbound-rtp', 'media-source', 'transport']);

/** Candidate fields that say how the member connects without saying where from. */
const CANDIDATE_FIELDS = ['id', 'type', 'timestamp', 'transportId', 'candidateType', 'protocol', 'relayProtocol'];
const CODEC_FIELDS = ['id', 'type', 'timestamp', 'mimeType', 'payloadType', 'clockRate', 'channels'];

/** The stats the metrics use, copied out of a getStats() report (a Map of id → stats or any iterable of them). */
export function filterStats(report: Iterable<StatsObject>): StatsObject[] {
  const all = [...report];
  const byId = new Map(all.map((stats) => [stats.id, stats]));
  const pairIds = selectedCandidatePairIds(all);
  const wanted = new Set<string>(pairIds);
  for (const pairId of pairIds) {
    const pair = byId.get(pairId);
    addReference(wanted, pair?.localCandidateId);
    addReference(wanted, pair?.remoteCandidateId);
  }
  for (const stats of all) {
    if (stats.type === 'inbound-rtp' || stats.type === 'outbound-rtp' || stats.type === 'remote-inbound-rtp') {
      addReference(wanted, stats.codecId);
    }
    if (stats.type === 'inbound-rtp' && byId.get(stats.trackId as string)?.type === 'track') {
      addReference(wanted, stats.trackId);
    }
  }

  const sent: StatsObject[] = [];
  for (const stats of all) {
    if (ALWAYS_SENT.has(stats.type ?? '') || stats.type === 'track') {
      if (stats.type !== 'track' || wanted.has(stats.id)) sent.push({ ...stats });
    } else if (stats.type === 'candidate-pair') {
      if (wanted.has(stats.id)) sent.push({ ...stats });
    } else if (stats.type === 'local-candidate' || stats.type === 'remote-candidate') {
      if (wanted.has(stats.id)) sent.push(pick(stats, CANDIDATE_FIELDS));
    } else if (stats.type === 'codec') {
      if (wanted.has(stats.id)) sent.push(pick(stats, CODEC_FIELDS));
    }
  }
  return sent;
}

/**
 * The pair carrying media, found the way the metrics find it: `transport.selectedCandidatePairId`,
 * else Firefox's `selected` flag, else every nominated and succeeded pair (during an ICE restart
 * there can be two; the metrics pick the busier, so both are sent).
 */
export function selectedCandidatePairIds(all: readonly StatsObject[]): string[] {
  const fromTransports = all
    .filter((stats) => stats.type === 'transport' && typeof stats.selectedCandidatePairId === 'string')
    .map((stats) => stats.selectedCandidatePairId as string);
  if (fromTransports.length > 0) return fromTransports;
  const pairs = all.filter((stats) => stats.type === 'candidate-pair');
  const flagged = pairs.filter((pair) => pair.selected === true);
  if (flagged.length > 0) return flagged.map((pair) => pair.id);
  return pairs.filter((pair) => pair.nominated === true && pair.state === 'succeeded').map((pair) => pair.id);
}

function addReference(ids: Set<string>, reference: unknown): void {
  if (typeof reference === 'string') ids.add(reference);
}

function pick(stats: StatsObject, fields: readonly string[]): StatsObject {
  const copy: StatsObject = { id: stats.id };
  for (const field of fields) if (stats[field] !== undefined) copy[field] = stats[field];
  return copy;
}
