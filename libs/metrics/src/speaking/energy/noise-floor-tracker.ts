import { dbToEnergy, energyToDb } from './decibels';
import type { EnergySpeakingParameters } from './energy-parameters';

type NoiseFloorParameters = Pick<
  EnergySpeakingParameters,
  'candidateMarginDb' | 'noiseFallRate' | 'noiseSettleRate' | 'noiseRiseDbPerSecond' | 'noiseSpeechGuardDb'
>;

/**
 * Follows a member's background level from one interval to the next, in O(1) memory.
 *
 * A fixed quantile over a long window lags behind a room that gets louder or quieter, and
 * counts the difference as speech; a short window climbs into a long monologue. So the
 * tracker falls quickly to quieter levels, settles (as a running mean in energy, because the
 * fraction estimate subtracts mean noise energy) on levels that look like background, climbs
 * only slowly through levels that are neither background nor speech, and ignores speech.
 */
export class NoiseFloorTracker {
  private floorDb: number | undefined;

  constructor(private readonly parameters: NoiseFloorParameters) {}

  get currentDb(): number | undefined {
    return this.floorDb;
  }

  update(levelDb: number, intervalSeconds: number, speechLevelDb: number | undefined): void {
    const { candidateMarginDb, noiseFallRate, noiseSettleRate, noiseRiseDbPerSecond, noiseSpeechGuardDb } =
      this.parameters;
    if (this.floorDb === undefined) {
      this.floorDb = levelDb;
      return;
    }
    if (levelDb < this.floorDb) {
      this.floorDb += noiseFallRate * (levelDb - this.floorDb);
    } else if (levelDb < this.floorDb + candidateMarginDb) {
      this.floorDb = energyToDb(
        noiseSettleRate * dbToEnergy(levelDb) + (1 - noiseSettleRate) * dbToEnergy(this.floorDb),
      );
    } else if (speechLevelDb === undefined || levelDb < speechLevelDb - noiseSpeechGuardDb) {
      this.floorDb += noiseRiseDbPerSecond * intervalSeconds;
    }
  }
}
