import {
  EnergySpeakingEstimator,
  isSpeechWatermark,
  PseudoUtteranceBuilder,
  type EnergyInterval,
  type SpeakingParameters,
  type SpeechInput,
  type Utterance,
} from '../speaking';

/**
 * The energy fallback for one member: media-source intervals → speaking fractions → pseudo-
 * utterances (docs/metrics.md "Voice activity from energy stats"). It runs only while the member
 * sends no device utterances. Memory is the estimator's and the builder's, both constant.
 */
export class EnergySpeech {
  private readonly estimator: EnergySpeakingEstimator;
  private readonly builder: PseudoUtteranceBuilder;
  /** Event time of the last interval pushed: a member whose intervals stop is flushed. */
  lastIntervalAt: number | undefined;
  /**
   * Every pseudo-utterance starting before this has been produced; undefined when nothing is
   * pending (before the first interval, after a flush).
   */
  completeUntil: number | undefined;
  /** Seconds of speech estimated so far (the sum of the pseudo-utterances). */
  estimatedSeconds = 0;
  intervals = 0;

  constructor(participantId: string, parameters: SpeakingParameters) {
    this.estimator = new EnergySpeakingEstimator(participantId, parameters.energy);
    this.builder = new PseudoUtteranceBuilder(participantId, parameters.maxPseudoUtteranceSeconds);
  }

  push(interval: EnergyInterval): Utterance[] {
    this.lastIntervalAt = interval.at;
    this.intervals += 1;
    // Until the estimator has judged anything, speech may start anywhere in the pending interval.
    this.completeUntil ??= interval.at - interval.intervalSeconds * 1000;
    return this.collect(this.estimator.push(interval).flatMap((estimate) => this.builder.push(estimate)));
  }

  /** The member left, went quiet in stats, or the session ended: judge and emit what is pending. */
  flush(): Utterance[] {
    const utterances = this.collect([
      ...this.estimator.flush().flatMap((estimate) => this.builder.push(estimate)),
      ...this.builder.flush(),
    ]);
    this.lastIntervalAt = undefined;
    this.completeUntil = undefined;
    return utterances;
  }

  private collect(inputs: SpeechInput[]): Utterance[] {
    const utterances: Utterance[] = [];
    for (const input of inputs) {
      if (isSpeechWatermark(input)) {
        this.completeUntil = Math.max(this.completeUntil ?? -Infinity, input.at);
      } else {
        utterances.push(input);
        this.estimatedSeconds += (input.end - input.start) / 1000;
      }
    }
    return utterances;
  }
}
