import type { EnergyInterval, SpeakingFractionEstimate } from '../types';
import { dbToEnergy, energyToDb, intervalMeanEnergy } from './decibels';
import { DEFAULT_ENERGY_SPEAKING_PARAMETERS, type EnergySpeakingParameters } from './energy-parameters';
import { NoiseFloorTracker } from './noise-floor-tracker';
import { posteriorSpeakingFraction } from './posterior-speaking-fraction';
import { SpeechLevelEstimator, type SpeechLevel } from './speech-level-estimator';

/** What the estimator keeps of an interval: its times and level, not the interval (whose owner may reuse it). */
interface ObservedInterval {
  at: number;
  intervalSeconds: number;
  start: number;
  levelDb: number | undefined;
}

const DB_TO_NEPER = Math.LN10 / 10;

/**
 * Speaking fractions of one member's report intervals from their `media-source` energy.
 *
 * Each interval is judged once its successor has arrived (one interval of latency), because
 * whether the neighbours are speech decides how to read it: an interval between two loud ones
 * is full speech, whatever its own loudness; one at the edge of a run holds the start or the
 * end of a turn, and its fraction is the posterior mean of `posteriorSpeakingFraction`.
 * Memory is constant: a noise-floor tracker, two fixed histograms, and three intervals.
 */
export class EnergySpeakingEstimator {
  private readonly noiseFloor: NoiseFloorTracker;
  private readonly speechLevel: SpeechLevelEstimator;
  private readonly parameters: EnergySpeakingParameters;
  private previous: ObservedInterval | undefined;
  /** The speech of the interval judged last ran on to its end: the next one's may continue it. */
  private previousRanToEnd = false;
  private pending: ObservedInterval | undefined;
  /**
   * Observed intervals no longer needed, to hold the next ones: each interval lives a second or
   * two here, long enough to be promoted if new ones were made (with 10 000 members reporting).
   */
  private readonly spare: ObservedInterval[] = [];
  private lastSpeechLevelDb: number | undefined;

  constructor(
    private readonly participantId: string,
    parameters: Partial<EnergySpeakingParameters> = DEFAULT_ENERGY_SPEAKING_PARAMETERS,
  ) {
    this.parameters = completeParameters(parameters);
    this.noiseFloor = new NoiseFloorTracker(this.parameters);
    this.speechLevel = new SpeechLevelEstimator(this.parameters);
  }

  /**
   * Takes the next interval (in event-time order) and returns the estimate of the one before
   * it, if any. Intervals that do not move forward in time are ignored.
   */
  push(interval: EnergyInterval): SpeakingFractionEstimate[] {
    if (this.pending && interval.at <= this.pending.at) return [];
    const observed = observe(interval, this.spare.pop());
    if (observed.levelDb !== undefined) {
      this.noiseFloor.update(observed.levelDb, interval.intervalSeconds, this.lastSpeechLevelDb);
    }
    const estimates: SpeakingFractionEstimate[] = [];
    if (this.pending) {
      const next = this.isNeighbour(this.pending, observed) ? observed : undefined;
      estimates.push(this.judge(this.pending, next));
      this.setAside(this.previous);
      this.previous = next ? this.pending : undefined;
      if (!next) this.setAside(this.pending);
    }
    this.pending = observed;
    return estimates;
  }

  /** Judges the last interval without a successor (the member left, or the session ended). */
  flush(): SpeakingFractionEstimate[] {
    const estimates = this.pending ? [this.judge(this.pending, undefined)] : [];
    this.setAside(this.pending);
    this.setAside(this.previous);
    this.pending = undefined;
    this.previous = undefined;
    this.previousRanToEnd = false;
    return estimates;
  }

  private isNeighbour(earlier: ObservedInterval, later: ObservedInterval): boolean {
    return Math.abs(later.start - earlier.at) <= this.parameters.maxNeighbourGapMs;
  }

  private judge(current: ObservedInterval, next: ObservedInterval | undefined): SpeakingFractionEstimate {
    const previous = this.previous;
    const noiseFloorDb = this.noiseFloor.currentDb ?? -Infinity;
    this.collectEvidence(previous, current, next, noiseFloorDb);
    const speech = this.speechLevel.current(noiseFloorDb);
    this.lastSpeechLevelDb = speech.levelDb;

    const fraction = this.fractionOf(previous, current, next, noiseFloorDb, speech);
    const estimate: SpeakingFractionEstimate = {
      participantId: this.participantId,
      start: current.start,
      end: current.at,
      fraction,
      speakingSeconds: fraction * Math.max(0, current.intervalSeconds),
      levelDbfs: current.levelDb ?? null,
      noiseFloorDbfs: noiseFloorDb,
      speechLevelDbfs: speech.levelDb,
      touchesStart: fraction > 0 && previous !== undefined && this.previousRanToEnd,
      touchesEnd: fraction > 0 && this.mayHoldSpeech(next, noiseFloorDb),
    };
    this.previousRanToEnd = estimate.touchesEnd;
    return estimate;
  }

  /**
   * Seconds in the middle of a run of clearly loud intervals are the member's own speech: they
   * teach the speech level. Faint runs (echo of the others, a fan) are kept out by the margins,
   * and by the guard once the member's level is known.
   */
  private collectEvidence(
    previous: ObservedInterval | undefined,
    current: ObservedInterval,
    next: ObservedInterval | undefined,
    noiseFloorDb: number,
  ): void {
    const { speechEvidenceSnrDb, speechEvidenceNeighbourSnrDb, speechEvidenceGuardDb } = this.parameters;
    const levelDb = current.levelDb;
    if (levelDb === undefined || levelDb < noiseFloorDb + speechEvidenceSnrDb) return;
    const seconds = current.intervalSeconds;
    this.speechLevel.addLoudInterval(levelDb, seconds);
    const clearNeighbour = (neighbour: ObservedInterval | undefined) =>
      neighbour?.levelDb !== undefined && neighbour.levelDb >= noiseFloorDb + speechEvidenceNeighbourSnrDb;
    if (!clearNeighbour(previous) || !clearNeighbour(next)) return;
    if (this.speechLevel.hasMeasuredLevel()) {
      if (levelDb < this.speechLevel.current(noiseFloorDb).levelDb - speechEvidenceGuardDb) return;
    }
    this.speechLevel.addSpeechEvidence(levelDb, seconds);
  }

  private fractionOf(
    previous: ObservedInterval | undefined,
    current: ObservedInterval,
    next: ObservedInterval | undefined,
    noiseFloorDb: number,
    speech: SpeechLevel,
  ): number {
    const { fullIntervalDropDb, speechLikeNeighbourDropDb, edgeFullPrior, minSpeakingFraction } = this.parameters;
    const levelDb = current.levelDb;
    if (levelDb === undefined || !this.mayHoldSpeech(current, noiseFloorDb)) return 0;
    const speechLike = (neighbour: ObservedInterval | undefined) =>
      this.mayHoldSpeech(neighbour, noiseFloorDb) &&
      (neighbour?.levelDb ?? -Infinity) >= speech.levelDb - speechLikeNeighbourDropDb;
    if (speechLike(previous) && speechLike(next) && levelDb >= speech.levelDb - fullIntervalDropDb) return 1;

    const noiseEnergy = dbToEnergy(noiseFloorDb);
    const relativeEnergy = (dbToEnergy(levelDb) - noiseEnergy) / (dbToEnergy(speech.levelDb) - noiseEnergy);
    const fraction = posteriorSpeakingFraction(relativeEnergy, speech.spreadDb * DB_TO_NEPER, edgeFullPrior);
    return fraction < minSpeakingFraction ? 0 : fraction;
  }

  private setAside(observed: ObservedInterval | undefined): void {
    if (observed) this.spare.push(observed);
  }

  private mayHoldSpeech(observed: ObservedInterval | undefined, noiseFloorDb: number): boolean {
    return observed?.levelDb !== undefined && observed.levelDb >= noiseFloorDb + this.parameters.candidateMarginDb;
  }
}

/**
 * The defaults overridden by `parameters`, made once per parameters object: every member of a
 * session has the same ones, and a copy each was ten objects more per member to keep and mark.
 */
const completed = new WeakMap<Partial<EnergySpeakingParameters>, EnergySpeakingParameters>();
function completeParameters(parameters: Partial<EnergySpeakingParameters>): EnergySpeakingParameters {
  let complete = completed.get(parameters);
  if (!complete) {
    complete = { ...DEFAULT_ENERGY_SPEAKING_PARAMETERS, ...parameters };
    completed.set(parameters, complete);
  }
  return complete;
}

/** `interval` observed, into `into` when given (an observed interval set aside). */
function observe(interval: EnergyInterval, into?: ObservedInterval): ObservedInterval {
  const energy = intervalMeanEnergy(interval);
  const observed = into ?? { at: 0, intervalSeconds: 0, start: 0, levelDb: undefined };
  observed.at = interval.at;
  observed.intervalSeconds = interval.intervalSeconds;
  observed.start = interval.at - interval.intervalSeconds * 1000;
  observed.levelDb = energy === undefined ? undefined : energyToDb(energy);
  return observed;
}

/** Batch form: every interval of one member, in order, flushed at the end. */
export function estimateSpeakingFromEnergy(
  participantId: string,
  intervals: Iterable<EnergyInterval>,
  parameters: Partial<EnergySpeakingParameters> = {},
): SpeakingFractionEstimate[] {
  const estimator = new EnergySpeakingEstimator(participantId, parameters);
  const estimates: SpeakingFractionEstimate[] = [];
  for (const interval of intervals) estimates.push(...estimator.push(interval));
  estimates.push(...estimator.flush());
  return estimates;
}
