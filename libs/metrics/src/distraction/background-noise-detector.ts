import { SpanRing } from '../speaking/common/span-ring';
import type { DistractionParameters } from './parameters';
import { subtractSpans, type TimeSpan as Span } from './spans';
import { episodeOf, type DistractionEpisode } from './types';

/** Consecutive report intervals further apart than this do not form one loud stretch. */
const CONTIGUITY_TOLERANCE_MS = 500;

/**
 * Background noise while the member is not speaking: consecutive report intervals at a high
 * level with no voice activity, lasting at least the minimum. Needs voice activity from the
 * device (VAD events or utterances): from energy alone, loud noise and speech look the same.
 *
 * Utterances are reported when they end, so a loud stretch is judged only after the decision
 * delay, minus any speech reported by then. Memory: the current stretch, a few stretches
 * awaiting judgement, and a ring of recent utterances.
 */
export class BackgroundNoiseDetector {
  private loudStretch: Span | undefined;
  private readonly awaitingDecision: Span[] = [];
  private readonly recentSpeech: SpanRing;
  private speechInCurrentInterval = false;
  private voiceActive = false;

  constructor(
    private readonly participantId: string,
    private readonly parameters: DistractionParameters,
  ) {
    this.recentSpeech = new SpanRing(parameters.recentUtterancesPerParticipant);
  }

  voiceActivity(active: boolean): void {
    this.voiceActive = active;
    if (active) this.speechInCurrentInterval = true;
  }

  utterance(start: number, end: number): void {
    if (end > start) this.recentSpeech.push(start, end);
  }

  /** A report interval (at − intervalSeconds, at] with its mean level (null: no audio). */
  report(at: number, intervalSeconds: number, levelDbfs: number | null): DistractionEpisode[] {
    const start = at - intervalSeconds * 1000;
    const quietOrSpeech =
      levelDbfs === null ||
      levelDbfs < this.parameters.backgroundNoiseMinLevelDbfs ||
      this.speechInCurrentInterval ||
      this.voiceActive;
    this.speechInCurrentInterval = false;
    if (quietOrSpeech) {
      this.endLoudStretch();
    } else if (this.loudStretch && Math.abs(start - this.loudStretch.end) <= CONTIGUITY_TOLERANCE_MS) {
      this.loudStretch.end = at;
    } else {
      this.endLoudStretch();
      this.loudStretch = { start, end: at };
    }
    return this.decide(at, false);
  }

  /** Judges everything now (leave or session end): no more speech reports will come. */
  flush(at: number): DistractionEpisode[] {
    this.endLoudStretch();
    return this.decide(at, true);
  }

  private endLoudStretch(): void {
    if (this.loudStretch) this.awaitingDecision.push(this.loudStretch);
    this.loudStretch = undefined;
  }

  private decide(now: number, all: boolean): DistractionEpisode[] {
    const delayMs = this.parameters.backgroundNoiseDecisionDelaySeconds * 1000;
    const episodes: DistractionEpisode[] = [];
    for (let stretch = this.awaitingDecision[0]; stretch; stretch = this.awaitingDecision[0]) {
      if (!all && stretch.end + delayMs > now) break;
      this.awaitingDecision.shift();
      for (const noise of subtractSpans(stretch, this.recentSpeech.spansNewestFirst())) {
        if (noise.end - noise.start >= this.parameters.backgroundNoiseMinSeconds * 1000) {
          episodes.push(
            episodeOf({ participantId: this.participantId, type: 'background-noise', ...noise, endedBy: 'state' }),
          );
        }
      }
    }
    return episodes;
  }
}
