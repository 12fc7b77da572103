import type { EnergyInterval } from '../types';
import type { TimeSpan } from './rttm';
import { createSeededRandom, type SeededRandom } from './seeded-random';

// Math functions are bound once here: under Jest every lookup of the global `Math` goes through
// the test sandbox's global object and made these hot loops ten times slower.
const { PI, ceil, exp, floor, max, min, pow, round, sin, sqrt } = Math;

/**
 * Simulates what Chrome's `media-source` (audio) stats report for one member's microphone:
 * an audio level per 10 ms frame, accumulated into `totalAudioEnergy` (Σ level² × 0.01 s) and
 * `totalSamplesDuration`, read by a 1 s getStats poll. The level envelope is synthetic but
 * shaped like speech over a noisy room: syllables (~4–5 per second) with a raised-sine
 * envelope, word and hesitation pauses, phrase-level loudness wander, a background that
 * wanders slowly and flickers per frame, occasional non-speech bursts (keyboard, door), and
 * faint residual echo of the other members.
 */

/** How one member sounds. Levels are audioLevel in dBFS (20·log10 of the 0..1 level). */
export interface VoiceProfile {
  /** Typical syllable-peak level while speaking. */
  speechLevelDbfs: number;
  /** Mean background level. */
  noiseFloorDbfs: number;
  /** Slow wander of the background (Ornstein–Uhlenbeck): standard deviation and time constant. */
  noiseDriftDb: number;
  noiseDriftSeconds: number;
  /** Frame-to-frame flicker of the background (standard deviation). */
  noiseFrameJitterDb: number;
  /** Phrase-level loudness wander while speaking (OU standard deviation and time constant). */
  phraseLoudnessDb: number;
  phraseSeconds: number;
  /** Syllable-to-syllable loudness variation (standard deviation). */
  syllableJitterDb: number;
  /** Chance that a short pause (word boundary, hesitation) precedes a syllable. */
  pauseProbability: number;
  /** Non-speech bursts per minute and how far above the background they rise. */
  noiseBurstsPerMinute: number;
  noiseBurstRiseDb: number;
  /** Residual echo of other members' speech, relative to their speech level (negative dB). */
  crosstalkDb: number;
}

export function randomVoiceProfile(random: SeededRandom): VoiceProfile {
  return {
    speechLevelDbfs: random.between(-32, -14),
    // getUserMedia's noise suppression is on by default, so most floors are low; the upper
    // end is a noisy room with suppression off. Worst case is ~15 dB between mean speech
    // energy and the floor.
    noiseFloorDbfs: random.between(-75, -50),
    noiseDriftDb: random.between(1, 3),
    noiseDriftSeconds: 30,
    noiseFrameJitterDb: 2,
    phraseLoudnessDb: 3,
    phraseSeconds: 2.5,
    syllableJitterDb: 3,
    pauseProbability: 0.1,
    noiseBurstsPerMinute: random.between(0.2, 2),
    noiseBurstRiseDb: random.between(8, 20),
    crosstalkDb: random.between(-60, -45),
  };
}

/** The cumulative counters of one getStats() read of a `media-source` (kind audio). */
export interface MediaSourceEnergyReport {
  /** Epoch ms. */
  timestamp: number;
  totalAudioEnergy: number;
  totalSamplesDuration: number;
}

export interface OtherSpeaker {
  speech: readonly TimeSpan[];
  speechLevelDbfs: number;
}

export interface MediaSourceSimulationInput {
  /** This member's speech, sorted and non-overlapping, in seconds from session start. */
  speech: readonly TimeSpan[];
  /** Other members, whose speech leaks in faintly as residual echo. */
  others?: readonly OtherSpeaker[];
  durationSeconds: number;
  profile: VoiceProfile;
  seed: number;
  sessionStartMs: number;
  pollIntervalMs?: number;
}

const FRAME_SECONDS = 0.01;
const FRAMES_PER_SECOND = 100;

export function simulateMediaSourceEnergy(input: MediaSourceSimulationInput): MediaSourceEnergyReport[] {
  const random = createSeededRandom(input.seed);
  const frameCount = ceil(input.durationSeconds * FRAMES_PER_SECOND);
  const frameEnergy = new Float64Array(frameCount);
  addBackground(frameEnergy, input.profile, random);
  addNoiseBursts(frameEnergy, input.profile, random);
  addSpeech(frameEnergy, input.speech, input.profile, random);
  for (const other of input.others ?? []) addCrosstalk(frameEnergy, other, input.profile);
  return pollCounters(frameEnergy, input.sessionStartMs, input.pollIntervalMs ?? 1000, random);
}

/** Interval deltas between consecutive reports, as the normaliser produces them. */
export function energyIntervalsFromReports(reports: readonly MediaSourceEnergyReport[]): EnergyInterval[] {
  const intervals: EnergyInterval[] = [];
  for (let index = 1; index < reports.length; index++) {
    const previous = reports[index - 1];
    const current = reports[index];
    intervals.push({
      at: current.timestamp,
      intervalSeconds: (current.timestamp - previous.timestamp) / 1000,
      deltaTotalAudioEnergy: current.totalAudioEnergy - previous.totalAudioEnergy,
      deltaTotalSamplesDuration: current.totalSamplesDuration - previous.totalSamplesDuration,
    });
  }
  return intervals;
}

function decibelsToEnergy(levelDb: number): number {
  return pow(10, levelDb / 10);
}

/** One step of an Ornstein–Uhlenbeck process with standard deviation `sigma`, time constant `tau`. */
function ouStep(value: number, stepSeconds: number, sigma: number, tau: number, random: SeededRandom): number {
  const keep = exp(-stepSeconds / tau);
  return value * keep + sigma * sqrt(1 - keep * keep) * random.normal();
}

/**
 * The per-frame flicker draws from a table of pre-computed log-normal factors: a normal draw,
 * a logarithm and a power per 10 ms frame would dominate the cost of simulating hours of audio.
 */
function addBackground(frameEnergy: Float64Array, profile: VoiceProfile, random: SeededRandom): void {
  const flickerTableSize = 4096;
  const flicker = new Float64Array(flickerTableSize);
  for (let index = 0; index < flickerTableSize; index++) {
    flicker[index] = decibelsToEnergy(profile.noiseFrameJitterDb * random.normal());
  }
  let drift = profile.noiseDriftDb * random.normal();
  let secondEnergy = 0;
  for (let frame = 0; frame < frameEnergy.length; frame++) {
    if (frame % FRAMES_PER_SECOND === 0) {
      drift = ouStep(drift, 1, profile.noiseDriftDb, profile.noiseDriftSeconds, random);
      secondEnergy = decibelsToEnergy(profile.noiseFloorDbfs + drift);
    }
    frameEnergy[frame] += secondEnergy * flicker[floor(random.next() * flickerTableSize)];
  }
}

function addNoiseBursts(frameEnergy: Float64Array, profile: VoiceProfile, random: SeededRandom): void {
  const meanGapSeconds = 60 / profile.noiseBurstsPerMinute;
  let atSeconds = random.exponential(meanGapSeconds);
  while (atSeconds * FRAMES_PER_SECOND < frameEnergy.length) {
    const first = floor(atSeconds * FRAMES_PER_SECOND);
    const last = min(frameEnergy.length, first + round(random.between(5, 40)));
    const energy = decibelsToEnergy(profile.noiseFloorDbfs + profile.noiseBurstRiseDb + 3 * random.normal());
    for (let frame = first; frame < last; frame++) frameEnergy[frame] += energy;
    atSeconds += random.exponential(meanGapSeconds);
  }
}

/**
 * Syllables back to back inside each speech span, each a raised-sine envelope whose peak
 * follows the speaker's level + phrase wander + syllable jitter; some are preceded by a pause.
 * The phrase wander carries over between spans: a speaker's loudness has some memory.
 */
function addSpeech(
  frameEnergy: Float64Array,
  speech: readonly TimeSpan[],
  profile: VoiceProfile,
  random: SeededRandom,
): void {
  let phraseDb = profile.phraseLoudnessDb * random.normal();
  for (const span of speech) {
    const spanEndFrame = min(frameEnergy.length, round(span.endSeconds * FRAMES_PER_SECOND));
    let frame = round(span.startSeconds * FRAMES_PER_SECOND);
    while (frame < spanEndFrame) {
      if (frame > span.startSeconds * FRAMES_PER_SECOND + 1 && random.next() < profile.pauseProbability) {
        frame += round(random.between(5, 30));
        continue;
      }
      const syllableFrames = round(random.between(12, 32));
      phraseDb = ouStep(
        phraseDb,
        syllableFrames * FRAME_SECONDS,
        profile.phraseLoudnessDb,
        profile.phraseSeconds,
        random,
      );
      const peakEnergy = decibelsToEnergy(
        profile.speechLevelDbfs + phraseDb + profile.syllableJitterDb * random.normal(),
      );
      const last = min(spanEndFrame, frame + syllableFrames);
      for (let index = 0; frame + index < last; index++) {
        const envelope = sin((PI * (index + 0.5)) / syllableFrames);
        frameEnergy[frame + index] += peakEnergy * envelope * envelope;
      }
      frame = last;
    }
  }
}

function addCrosstalk(frameEnergy: Float64Array, other: OtherSpeaker, profile: VoiceProfile): void {
  // The mean energy of a raised-sine syllable is half its peak: −3 dB.
  const energy = decibelsToEnergy(other.speechLevelDbfs - 3 + profile.crosstalkDb);
  for (const span of other.speech) {
    const last = min(frameEnergy.length, round(span.endSeconds * FRAMES_PER_SECOND));
    for (let frame = round(span.startSeconds * FRAMES_PER_SECOND); frame < last; frame++) frameEnergy[frame] += energy;
  }
}

/**
 * Accumulates the counters frame by frame and reads them like a 1 s `setInterval` getStats
 * loop would: a fixed schedule with a few ms of jitter and, now and then, a read that is
 * hundreds of ms late because the page was busy.
 */
function pollCounters(
  frameEnergy: Float64Array,
  sessionStartMs: number,
  pollIntervalMs: number,
  random: SeededRandom,
): MediaSourceEnergyReport[] {
  const reports: MediaSourceEnergyReport[] = [];
  const durationMs = frameEnergy.length * FRAME_SECONDS * 1000;
  const scheduleOffsetMs = random.between(0, pollIntervalMs);
  let totalAudioEnergy = 0;
  let framesCounted = 0;
  let lastPollMs = -1;
  for (let tick = 0; ; tick++) {
    const lateMs = random.next() < 0.01 ? random.between(100, 600) : 0;
    const pollMs = max(lastPollMs + 1, scheduleOffsetMs + tick * pollIntervalMs + 8 * random.normal() + lateMs);
    if (pollMs > durationMs) break;
    const framesReady = floor(pollMs / (FRAME_SECONDS * 1000));
    for (; framesCounted < framesReady; framesCounted++) {
      totalAudioEnergy += min(frameEnergy[framesCounted], 1) * FRAME_SECONDS;
    }
    reports.push({
      timestamp: sessionStartMs + pollMs,
      totalAudioEnergy,
      totalSamplesDuration: framesCounted * FRAME_SECONDS,
    });
    lastPollMs = pollMs;
  }
  return reports;
}
