import { DEFAULT_CONNECTIVITY_THRESHOLDS, estimateMos } from '@attune/metrics';
import type { SeededRandom } from '@attune/metrics/speaking/testing';

/** A member's link, second by second: what their browser would measure. */
export interface NetworkTrack {
  rttMs: Float64Array;
  jitterMs: Float64Array;
  /** Inbound packet loss, percent. */
  lossPct: Float64Array;
  /** Mean time audio waits in the jitter buffer; it grows with jitter. */
  jitterBufferDelayMs: Float64Array;
}

interface LinkProfile {
  rttMs: number;
  jitterMs: number;
  lossPct: number;
  /** Log-space wander (Ornstein–Uhlenbeck) of all three, and its time constant. */
  wander: number;
  wanderSeconds: number;
  /** Short spikes (a microwave, a busy uplink) per hour, multiplying loss and RTT. */
  spikesPerHour: number;
}

function profileFor(kind: 'good' | 'poor', random: SeededRandom): LinkProfile {
  return kind === 'good'
    ? {
        rttMs: random.between(30, 90),
        jitterMs: random.between(2, 8),
        lossPct: random.between(0.05, 0.6),
        wander: 0.25,
        wanderSeconds: 60,
        spikesPerHour: 2,
      }
    : {
        // Well past every "degraded" threshold most of the time, with better spells now and then.
        rttMs: random.between(320, 420),
        jitterMs: random.between(30, 55),
        lossPct: random.between(7, 11),
        wander: 0.35,
        wanderSeconds: 40,
        spikesPerHour: 6,
      };
}

/** Drifting RTT, jitter and loss, with occasional spikes; deterministic for a given random source. */
export function networkTrack(kind: 'good' | 'poor', durationSeconds: number, random: SeededRandom): NetworkTrack {
  const profile = profileFor(kind, random);
  const length = Math.ceil(durationSeconds) + 1;
  const track: NetworkTrack = {
    rttMs: new Float64Array(length),
    jitterMs: new Float64Array(length),
    lossPct: new Float64Array(length),
    jitterBufferDelayMs: new Float64Array(length),
  };
  const keep = Math.exp(-1 / profile.wanderSeconds);
  const step = profile.wander * Math.sqrt(1 - keep * keep);
  let rttDrift = profile.wander * random.normal();
  let jitterDrift = profile.wander * random.normal();
  let lossDrift = profile.wander * random.normal();
  let spikeLeft = 0;
  for (let second = 0; second < length; second++) {
    rttDrift = rttDrift * keep + step * random.normal();
    jitterDrift = jitterDrift * keep + step * random.normal();
    lossDrift = lossDrift * keep + step * random.normal();
    if (spikeLeft === 0 && random.next() < profile.spikesPerHour / 3600) spikeLeft = Math.round(random.between(3, 12));
    const spike = spikeLeft > 0 ? 2.5 : 1;
    if (spikeLeft > 0) spikeLeft -= 1;
    track.rttMs[second] = profile.rttMs * Math.exp(rttDrift) * (spike > 1 ? 1.6 : 1);
    track.jitterMs[second] = profile.jitterMs * Math.exp(jitterDrift) * spike;
    track.lossPct[second] = Math.min(60, profile.lossPct * Math.exp(lossDrift) * spike);
    track.jitterBufferDelayMs[second] = 40 + 2.5 * track.jitterMs[second];
  }
  return track;
}

/** Whether a second of this link is bad by the pipeline's own "degraded" rule (PRODUCT.md). */
export function isBadSecond(track: NetworkTrack, second: number): boolean {
  const thresholds = DEFAULT_CONNECTIVITY_THRESHOLDS;
  const rttMs = track.rttMs[second];
  const lossPct = track.lossPct[second];
  const mos = estimateMos({
    rttMs,
    jitterMs: track.jitterMs[second],
    packetLossPct: lossPct,
    jitterBufferDelayMs: track.jitterBufferDelayMs[second],
  });
  return (
    mos < thresholds.degradedMosBelow ||
    lossPct > thresholds.degradedPacketLossPctAbove ||
    rttMs > thresholds.degradedRttMsAbove
  );
}
