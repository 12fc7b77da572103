import {
  energyIntervalsFromReports,
  randomVoiceProfile,
  simulateMediaSourceEnergy,
} from './media-source-energy-simulation';
import { createSeededRandom } from './seeded-random';

const profile = {
  ...randomVoiceProfile(createSeededRandom(1)),
  speechLevelDbfs: -20,
  noiseFloorDbfs: -60,
};
const simulate = (seed: number) =>
  simulateMediaSourceEnergy({
    speech: [{ startSeconds: 10, endSeconds: 30 }],
    durationSeconds: 60,
    profile,
    seed,
    sessionStartMs: 0,
  });
const levelDb = (interval: { deltaTotalAudioEnergy: number; deltaTotalSamplesDuration: number }) =>
  10 * Math.log10(interval.deltaTotalAudioEnergy / interval.deltaTotalSamplesDuration);

describe(simulateMediaSourceEnergy.name, () => {
  it('polls cumulative counters about once a second, like a getStats loop', () => {
    const reports = simulate(1);
    expect(reports.length).toBeGreaterThan(55);
    for (let index = 1; index < reports.length; index++) {
      expect(reports[index].timestamp).toBeGreaterThan(reports[index - 1].timestamp);
      expect(reports[index].totalAudioEnergy).toBeGreaterThanOrEqual(reports[index - 1].totalAudioEnergy);
      expect(reports[index].totalSamplesDuration).toBeGreaterThanOrEqual(reports[index - 1].totalSamplesDuration);
    }
  });

  it('is reproducible from its seed', () => {
    expect(simulate(7)).toEqual(simulate(7));
    expect(simulate(7)).not.toEqual(simulate(8));
  });

  it('puts speech well above the room and the room near its floor', () => {
    const intervals = energyIntervalsFromReports(simulate(3));
    const during = intervals.filter((interval) => interval.at > 12_000 && interval.at < 29_000).map(levelDb);
    const before = intervals.filter((interval) => interval.at < 9_000).map(levelDb);
    const mean = (values: number[]) => values.reduce((sum, value) => sum + value, 0) / values.length;
    // Raised-sine syllables average 3 dB below their peaks, plus pauses and loudness wander.
    expect(mean(during)).toBeGreaterThan(-30);
    expect(mean(during)).toBeLessThan(-18);
    expect(mean(before)).toBeGreaterThan(-66);
    expect(mean(before)).toBeLessThan(-50);
  });
});
