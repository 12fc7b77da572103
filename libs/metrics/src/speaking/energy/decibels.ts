import type { EnergyInterval } from '../types';

// Math functions are bound once here: under Jest every lookup of the global `Math` goes through
// the test sandbox's global object and made these hot loops ten times slower.
const { log10, pow } = Math;

/** Energy (a mean of audioLevel²) to dB; 10·log10, so it equals 20·log10 of the RMS level. */
export function energyToDb(energy: number): number {
  return 10 * log10(energy);
}

export function dbToEnergy(levelDb: number): number {
  return pow(10, levelDb / 10);
}

/**
 * The interval's mean energy ΔtotalAudioEnergy / ΔtotalSamplesDuration: totalAudioEnergy
 * accumulates audioLevel² × frame duration, so this is the time-weighted mean of the frames'
 * energies. Undefined when the interval carried no audio or only digital silence (a muted
 * track), which says nothing about the room.
 */
export function intervalMeanEnergy(interval: EnergyInterval): number | undefined {
  const { deltaTotalAudioEnergy, deltaTotalSamplesDuration } = interval;
  if (!(deltaTotalSamplesDuration > 0) || !(deltaTotalAudioEnergy > 0)) return undefined;
  return deltaTotalAudioEnergy / deltaTotalSamplesDuration;
}
