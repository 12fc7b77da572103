import type { EnergyInterval } from '../types';
import {
  energyIntervalsFromReports,
  randomVoiceProfile,
  simulateMediaSourceEnergy,
  type VoiceProfile,
} from './media-source-energy-simulation';
import { speechBySpeaker, totalSeconds, type RttmSegment, type TimeSpan } from './rttm';
import { createSeededRandom, seedFromText } from './seeded-random';

/** One member of a simulated meeting: ground truth and what their device would report. */
export interface SimulatedMember {
  speaker: string;
  profile: VoiceProfile;
  /** Ground truth: the union of the speaker's RTTM segments. */
  speech: TimeSpan[];
  speakingSeconds: number;
  energyIntervals: EnergyInterval[];
}

export interface MeetingSimulationOptions {
  seed: number;
  sessionStartMs: number;
  /** Audio keeps running this long after the last segment ends. */
  trailingSeconds?: number;
}

/**
 * Turns the RTTM speaker turns of a real meeting into per-member `media-source` energy
 * intervals polled at 1 s, each member with their own voice, room and residual echo of the
 * others. Deterministic for a given seed.
 */
export function simulateMeetingEnergy(
  segments: readonly RttmSegment[],
  options: MeetingSimulationOptions,
): SimulatedMember[] {
  const speech = speechBySpeaker(segments);
  const lastEnd = Math.max(0, ...segments.map((segment) => segment.startSeconds + segment.durationSeconds));
  const durationSeconds = lastEnd + (options.trailingSeconds ?? 5);
  const voices = [...speech].map(([speaker, spans]) => ({
    speaker,
    spans,
    profile: randomVoiceProfile(createSeededRandom(options.seed ^ seedFromText(`voice:${speaker}`))),
  }));
  return voices.map(({ speaker, spans, profile }) => {
    const others = voices
      .filter((other) => other.speaker !== speaker)
      .map((other) => ({ speech: other.spans, speechLevelDbfs: other.profile.speechLevelDbfs }));
    const reports = simulateMediaSourceEnergy({
      speech: spans,
      others,
      durationSeconds,
      profile,
      seed: options.seed ^ seedFromText(`audio:${speaker}`),
      sessionStartMs: options.sessionStartMs,
    });
    return {
      speaker,
      profile,
      speech: spans,
      speakingSeconds: totalSeconds(spans),
      energyIntervals: energyIntervalsFromReports(reports),
    };
  });
}
