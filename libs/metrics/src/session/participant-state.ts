import type { ResolvedAnalyzerOptions } from './analyzer-options';
import { EnergySpeech } from './energy-speech';
import { MediaSourceEnergyReader } from './media-source-energy';
import { ObservationLog } from './observation-log';
import { ParticipantConnectivity } from './participant-connectivity';
import { PresenceTracker } from './presence-tracker';
import type { SessionRole, SpeakingSource } from './session-analyzer.contract';

/** Everything the analyzer keeps about one participant; each part has constant memory. */
export class ParticipantState {
  readonly connectivity: ParticipantConnectivity;
  readonly microphone = new MediaSourceEnergyReader();
  readonly presence = new PresenceTracker();
  readonly observations = new ObservationLog();
  /** The energy fallback, while the member has sent no device utterance. */
  energy: EnergySpeech | undefined;
  /** Once a device utterance arrived, energy is no longer used for speaking. */
  sendsUtterances = false;
  lastUtteranceEnd = -Infinity;
  lateMessages = 0;
  /** Late utterances that would have gone back in this member's speech: counted, not applied. */
  lateUtterancesNotApplied = 0;

  constructor(
    readonly id: string,
    readonly role: SessionRole,
    private readonly options: ResolvedAnalyzerOptions,
  ) {
    this.connectivity = new ParticipantConnectivity(options.connectivity, {
      scaleToPolling: options.scaleNoReportTimeoutsToPolling,
      hiddenTab: options.hiddenTabNoReportSeconds,
    });
  }

  get speakingSource(): SpeakingSource {
    if (this.sendsUtterances) return 'utterances';
    return this.energy !== undefined && this.energy.intervals > 0 ? 'energy' : 'none';
  }

  energySpeech(): EnergySpeech {
    this.energy ??= new EnergySpeech(this.id, this.options.speaking);
    return this.energy;
  }

  /**
   * The energy path has waited too long for the next interval (the member's stats stopped):
   * its pending interval is judged on its own so speech, turns and windows can move on.
   */
  energyStalledAt(watermark: number): boolean {
    const lastAt = this.energy?.lastIntervalAt;
    if (lastAt === undefined) return false;
    const periodMs = (this.connectivity.pollingSeconds() ?? 1) * 1000;
    return watermark - lastAt > Math.max(3_000, 2 * periodMs);
  }
}
