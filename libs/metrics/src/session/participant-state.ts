import type { ResolvedAnalyzerOptions } from './analyzer-options';
import { EnergySpeech } from './energy-speech';
import { ObservationLog } from './observation-log';
import { ParticipantConnectivity } from './participant-connectivity';
import { PresenceTracker } from './presence-tracker';
import type { EnergyInterval, Utterance } from '../speaking';
import type { SessionRole, SpeakingSource } from './session-analyzer.contract';

/** Every stats report of a member whose device reports their speech gets this: no new array each time. */
const NO_ESTIMATES: readonly Utterance[] = [];

/** Everything the analyzer keeps about one participant; each part has constant memory. */
export class ParticipantState {
  readonly connectivity: ParticipantConnectivity;
  readonly presence = new PresenceTracker();
  readonly observations = new ObservationLog();
  /** The energy fallback: speech estimated from media-source energy while no device detection covers it. */
  energy: EnergySpeech | undefined;
  /** The device's own voice detection covers this member's speech from here on (epoch ms). */
  private deviceSpeechSince: number | undefined;
  /** The device's utterances were the source at some point: the report names them. */
  private everUsedDeviceUtterances = false;
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

  /** The member's speech comes from their device's utterances; energy only fills in before that. */
  get sendsUtterances(): boolean {
    return this.deviceSpeechSince !== undefined;
  }

  get speakingSource(): SpeakingSource {
    if (this.everUsedDeviceUtterances) return 'utterances';
    return this.energy !== undefined && this.energy.intervals > 0 ? 'energy' : 'none';
  }

  /**
   * The device's voice detection covers speech from `since`. Energy goes on estimating only up to
   * then: its estimate is kept before `since` and cut there, since after it the device's utterances
   * say the same more precisely (energy at 1 s polling blurs onsets by up to a second).
   */
  handOverToDevice(since: number): void {
    this.deviceSpeechSince = since;
    this.everUsedDeviceUtterances = true;
  }

  /** The device's detection stopped: energy estimates this member's speech again. */
  handBackToEnergy(): void {
    this.deviceSpeechSince = undefined;
  }

  /** The estimated speech this interval of microphone energy completes (nothing once the device covers it). */
  estimateSpeech(interval: EnergyInterval): readonly Utterance[] {
    const since = this.deviceSpeechSince;
    if (since === undefined) return this.energySpeech().push(interval);
    // Energy only finishes what it had begun: the intervals up to the one the device took over in.
    if (!this.energyPending || interval.at - interval.intervalSeconds * 1000 >= since) return NO_ESTIMATES;
    const energy = this.energySpeech();
    const estimates = energy.push(interval);
    return this.beforeDevice(interval.at >= since ? [...estimates, ...energy.flush()] : estimates);
  }

  /** Judges what the energy path has pending, up to where the device took over, if it did. */
  flushEnergy(): Utterance[] {
    return this.energy ? this.beforeDevice(this.energy.flush()) : [];
  }

  /** Energy has intervals it has not judged yet. */
  get energyPending(): boolean {
    return this.energy?.completeUntil !== undefined;
  }

  private energySpeech(): EnergySpeech {
    this.energy ??= new EnergySpeech(this.id, this.options.speaking);
    return this.energy;
  }

  private beforeDevice(estimates: Utterance[]): Utterance[] {
    const since = this.deviceSpeechSince ?? Infinity;
    return estimates.flatMap((estimate) =>
      estimate.start < since ? [estimate.end <= since ? estimate : { ...estimate, end: since }] : [],
    );
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
