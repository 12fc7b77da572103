// Realistic speaking input for tests and the simulator: AMI RTTM turns → per-member
// media-source energy stats polled at 1 s. (Marble helpers live in marbles.ts: they need Jest.)
export { parseRttm, speechBySpeaker, totalSeconds, unionOfSpans, utterancesFromRttm } from './rttm';
export type { RttmSegment, TimeSpan } from './rttm';
export { createSeededRandom, seedFromText, type SeededRandom } from './seeded-random';
export {
  energyIntervalsFromReports,
  randomVoiceProfile,
  simulateMediaSourceEnergy,
  type MediaSourceEnergyReport,
  type MediaSourceSimulationInput,
  type OtherSpeaker,
  type VoiceProfile,
} from './media-source-energy-simulation';
export {
  simulateMeetingEnergy,
  type MeetingSimulationOptions,
  type SimulatedMember,
} from './meeting-energy-simulation';
