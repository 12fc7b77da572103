import { readMediaKind, readNumber, type RtcStats, type StatsReport } from '../normalize';
import { energyToDb, intervalMeanEnergy, type EnergyInterval } from '../speaking';

/** Overwritten in place by each report (a new object per report would live a second, long enough to be promoted). */
interface SourceBaseline {
  statsId: string;
  at: number;
  totalAudioEnergy: number;
  totalSamplesDuration: number;
}

/** What one stats report says about the member's own microphone. */
export interface MicrophoneReading {
  /** The energy deltas since the previous report, when this report continues a baseline. */
  interval?: EnergyInterval;
  /**
   * Mean level of that interval in dBFS; null when it carried no audio (muted, digital silence);
   * undefined when the report has no usable media-source audio at all.
   */
  levelDbfs?: number | null;
}

/** A peer connection that has not reported its media-source for this long is forgotten. */
const FORGET_AFTER_MS = 60_000;
/** The peer connection in use is replaced when it has been silent for this long… */
const SWITCH_AFTER_MS = 5_000;
/** …or for this many of its own polling periods, whichever is longer. */
const SWITCH_AFTER_PERIODS = 2.5;

/**
 * The member's `media-source` (audio) energy as report intervals, for the energy speaking
 * estimator and the background-noise detector. The normalised intervals do not carry
 * media-source counters, so their deltas are taken here, per peer connection, with the same
 * rules: the first sight of an object is a baseline, a counter going backwards starts a new one.
 *
 * A Jitsi member has the same microphone in a P2P and an SFU connection: feeding both would count
 * every second of speech twice, so one peer connection is used and another takes over only when
 * it goes quiet. Intervals never overlap. Memory: one baseline per peer connection seen in the
 * last minute.
 */
export class MediaSourceEnergyReader {
  private readonly baselines = new Map<string, SourceBaseline>();
  /** Overwritten in place, as the baselines are. */
  private inUse: { peerConnectionId: string; lastAt: number; periodMs: number } | undefined;
  private lastIntervalEnd = -Infinity;

  get trackedPeerConnections(): number {
    return this.baselines.size;
  }

  read(report: StatsReport, peerConnectionId: string): MicrophoneReading {
    const previous = this.baselines.get(peerConnectionId);
    const source = pickMicrophone(report.stats, previous?.statsId);
    this.forgetIdle(report.timestamp);
    if (!source) return {};
    if (previous && report.timestamp <= previous.at) return {}; // duplicate or out of order

    const totalAudioEnergy = readNumber(source, 'totalAudioEnergy') as number;
    const totalSamplesDuration = readNumber(source, 'totalSamplesDuration') as number;
    if (!previous) {
      this.baselines.set(peerConnectionId, {
        statsId: source.id,
        at: report.timestamp,
        totalAudioEnergy,
        totalSamplesDuration,
      });
      return {};
    }
    const continues =
      previous.statsId === source.id &&
      totalAudioEnergy >= previous.totalAudioEnergy &&
      totalSamplesDuration >= previous.totalSamplesDuration;
    const previousAt = previous.at;
    const deltaTotalAudioEnergy = totalAudioEnergy - previous.totalAudioEnergy;
    const deltaTotalSamplesDuration = totalSamplesDuration - previous.totalSamplesDuration;
    previous.statsId = source.id;
    previous.at = report.timestamp;
    previous.totalAudioEnergy = totalAudioEnergy;
    previous.totalSamplesDuration = totalSamplesDuration;
    if (!continues || !this.mayUse(peerConnectionId, report.timestamp, report.timestamp - previousAt)) return {};

    const start = Math.max(previousAt, this.lastIntervalEnd);
    if (report.timestamp <= start) return {};
    this.lastIntervalEnd = report.timestamp;
    const interval: EnergyInterval = {
      at: report.timestamp,
      intervalSeconds: (report.timestamp - start) / 1000,
      deltaTotalAudioEnergy,
      deltaTotalSamplesDuration,
    };
    const energy = intervalMeanEnergy(interval);
    return { interval, levelDbfs: energy === undefined ? null : energyToDb(energy) };
  }

  private mayUse(peerConnectionId: string, at: number, periodMs: number): boolean {
    const current = this.inUse;
    const stale =
      current === undefined ||
      at - current.lastAt > Math.max(SWITCH_AFTER_MS, SWITCH_AFTER_PERIODS * current.periodMs) ||
      !this.baselines.has(current.peerConnectionId);
    if (current && current.peerConnectionId !== peerConnectionId && !stale) return false;
    if (current) {
      current.peerConnectionId = peerConnectionId;
      current.lastAt = at;
      current.periodMs = periodMs;
    } else {
      this.inUse = { peerConnectionId, lastAt: at, periodMs };
    }
    return true;
  }

  private forgetIdle(now: number): void {
    for (const [peerConnectionId, baseline] of this.baselines) {
      if (baseline.at < now - FORGET_AFTER_MS) this.baselines.delete(peerConnectionId);
    }
  }
}

/** The audio media-source with energy counters; the one used last time when it is still there. */
function pickMicrophone(stats: readonly RtcStats[], previousId: string | undefined): RtcStats | undefined {
  let first: RtcStats | undefined;
  for (const object of stats) {
    if (object.type !== 'media-source' || readMediaKind(object) !== 'audio') continue;
    if (readNumber(object, 'totalAudioEnergy') === undefined) continue;
    if (readNumber(object, 'totalSamplesDuration') === undefined) continue;
    if (object.id === previousId) return object;
    if (!first || object.id < first.id) first = object;
  }
  return first;
}
