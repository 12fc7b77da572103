import type { EnergyInterval, SpeakingFractionEstimate } from '../types';
import { EnergySpeakingEstimator, estimateSpeakingFromEnergy } from './energy-speaking-estimator';

const T0 = 1_700_000_000_000;

/** 1 s intervals whose mean level is the given dBFS (null: no audio, e.g. a muted track). */
function intervalsAt(levelsDb: Array<number | null>, startIndex = 0): EnergyInterval[] {
  return levelsDb.map((levelDb, index) => ({
    at: T0 + (startIndex + index + 1) * 1000,
    intervalSeconds: 1,
    deltaTotalAudioEnergy: levelDb === null ? 0 : 10 ** (levelDb / 10),
    deltaTotalSamplesDuration: 1,
  }));
}

const NOISE = -60;
const SPEECH = -25;
const repeat = (value: number, count: number) => Array.from({ length: count }, () => value);
/** Room noise with a few runs of speech, so the member's speech level is learnt. */
const warmUp = () => [
  ...repeat(NOISE, 20),
  ...repeat(SPEECH, 8),
  ...repeat(NOISE, 10),
  ...repeat(SPEECH, 8),
  ...repeat(NOISE, 10),
];

const fractions = (estimates: SpeakingFractionEstimate[]) => estimates.map((estimate) => estimate.fraction);

describe(estimateSpeakingFromEnergy.name, () => {
  it('counts the middle of a run of speech as full seconds and silence as none', () => {
    const levels = [...warmUp(), ...repeat(SPEECH, 6), ...repeat(NOISE, 5)];
    const estimates = estimateSpeakingFromEnergy('ann', intervalsAt(levels));
    const run = estimates.slice(warmUp().length, warmUp().length + 6);
    expect(fractions(run.slice(1, 5))).toEqual([1, 1, 1, 1]);
    expect(fractions(estimates.slice(-4))).toEqual([0, 0, 0, 0]);
    expect(estimates[estimates.length - 1].noiseFloorDbfs).toBeCloseTo(NOISE, 0);
    expect(estimates[estimates.length - 1].speechLevelDbfs).toBeCloseTo(SPEECH, 0);
  });

  it('gives a partly spoken edge interval a partial fraction, not a whole second', () => {
    // The turn starts halfway through an interval: half its energy is speech (−3 dB).
    const levels = [...warmUp(), SPEECH - 3, ...repeat(SPEECH, 4), SPEECH - 6, ...repeat(NOISE, 3)];
    const estimates = estimateSpeakingFromEnergy('ann', intervalsAt(levels)).slice(warmUp().length);
    expect(estimates[0].fraction).toBeGreaterThan(0.3);
    expect(estimates[0].fraction).toBeLessThan(0.8);
    expect(estimates[5].fraction).toBeGreaterThan(0.1);
    expect(estimates[5].fraction).toBeLessThan(estimates[0].fraction);
    expect(estimates[0].touchesEnd).toBe(true);
    expect(estimates[5].touchesStart).toBe(true);
    expect(estimates[5].touchesEnd).toBe(false);
  });

  it('reads a short utterance inside one interval from its energy alone', () => {
    const levels = [...warmUp(), NOISE, SPEECH - 6, NOISE, NOISE];
    const [, short] = estimateSpeakingFromEnergy('ann', intervalsAt(levels)).slice(warmUp().length);
    expect(short.fraction).toBeGreaterThan(0.1);
    expect(short.fraction).toBeLessThan(0.6);
    expect(short.touchesStart || short.touchesEnd).toBe(false);
  });

  it('reports nothing for intervals without audio and leaves the noise floor alone', () => {
    const levels = [...warmUp(), null, null, null, NOISE];
    const estimates = estimateSpeakingFromEnergy('ann', intervalsAt(levels)).slice(warmUp().length);
    expect(estimates.slice(0, 3).map((estimate) => [estimate.levelDbfs, estimate.fraction])).toEqual([
      [null, 0],
      [null, 0],
      [null, 0],
    ]);
    expect(estimates[3].noiseFloorDbfs).toBeCloseTo(NOISE, 0);
  });

  it('does not take faint residual echo of other members for speech', () => {
    const echo = NOISE + 8;
    const levels = [...warmUp(), ...repeat(echo, 30), ...repeat(NOISE, 3)];
    const estimates = estimateSpeakingFromEnergy('ann', intervalsAt(levels)).slice(warmUp().length);
    const echoSeconds = estimates.slice(0, 30).reduce((sum, estimate) => sum + estimate.speakingSeconds, 0);
    expect(echoSeconds).toBeLessThan(1);
    expect(estimates[estimates.length - 1].speechLevelDbfs).toBeCloseTo(SPEECH, 0);
  });

  it('uses no neighbour across a gap in reports', () => {
    const before = intervalsAt([...warmUp(), SPEECH, SPEECH]);
    const after = intervalsAt([SPEECH - 4, SPEECH, NOISE], warmUp().length + 2 + 30);
    const estimates = estimateSpeakingFromEnergy('ann', [...before, ...after]);
    // After 30 s without reports, the first interval has no previous neighbour: it is an edge.
    expect(estimates[warmUp().length + 2].fraction).toBeLessThan(1);
  });
});

describe(EnergySpeakingEstimator.name, () => {
  it('judges each interval when the next one arrives, and the last one on flush', () => {
    const sut = new EnergySpeakingEstimator('ann');
    const [first, second] = intervalsAt([NOISE, NOISE]);
    expect(sut.push(first)).toEqual([]);
    expect(sut.push(second)).toEqual([expect.objectContaining({ participantId: 'ann', end: first.at })]);
    expect(sut.flush()).toEqual([expect.objectContaining({ end: second.at })]);
    expect(sut.flush()).toEqual([]);
  });

  it('ignores intervals that do not move forward in time', () => {
    const sut = new EnergySpeakingEstimator('ann');
    const [first, second] = intervalsAt([NOISE, NOISE]);
    sut.push(second);
    expect(sut.push(first)).toEqual([]);
    expect(sut.push(second)).toEqual([]);
  });
});
