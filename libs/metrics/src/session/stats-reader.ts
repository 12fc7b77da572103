import { IntervalSums, IntervalSumsReader } from '../connectivity';
import { DEFAULT_PEER_CONNECTION_ID } from '../normalize';
import type { EnergyInterval } from '../speaking';
import { MediaSourceEnergyReader } from './media-source-energy';
import type { SessionMessage, SessionRole } from './session-analyzer.contract';

type StatsMessage = Extract<SessionMessage, { kind: 'stats' }>;

/**
 * What the analysis needs of one stats report, read as it arrived (see `StatsReader`). Its
 * reader reuses it once it has been applied: nothing may keep it, or its parts, after that.
 */
export class StatsDigest {
  readonly kind = 'stats-digest';
  timestamp = NaN;
  private readonly sums = new IntervalSums();
  private hasInterval = false;
  private readonly energy: EnergyInterval = {
    at: 0,
    intervalSeconds: 0,
    deltaTotalAudioEnergy: 0,
    deltaTotalSamplesDuration: 0,
  };
  private hasEnergy = false;
  /**
   * Mean level of the microphone's interval in dBFS; null when it carried no audio (muted,
   * digital silence); undefined when the report has no usable media-source audio at all.
   */
  levelDbfs: number | null | undefined;

  /** The report's interval as sums; null for a duplicate or out-of-order report. */
  get interval(): IntervalSums | null {
    return this.hasInterval ? this.sums : null;
  }

  /** The microphone's energy since the previous report, when this report continues a baseline. */
  get microphoneInterval(): EnergyInterval | undefined {
    return this.hasEnergy ? this.energy : undefined;
  }

  /** Reads `message` into this digest with the participant's readers. */
  fill(message: StatsMessage, counters: IntervalSumsReader, microphone: MediaSourceEnergyReader): void {
    this.timestamp = message.timestamp;
    this.hasInterval = counters.read(message, this.sums);
    const reading = microphone.read(message, message.peerConnectionId ?? DEFAULT_PEER_CONNECTION_ID);
    this.hasEnergy = reading.interval !== undefined;
    if (reading.interval) Object.assign(this.energy, reading.interval);
    this.levelDbfs = reading.levelDbfs;
  }
}

/** A stats report as the analyzer holds it until event time reaches it: its digest, whose it is. */
export class HeldStats {
  readonly message = new StatsDigest();
  participantId = '';
  role: SessionRole = 'member';
  /** Older than the watermark when it arrived. */
  late = false;

  constructor(private readonly reader: StatsReader) {}

  /** Applied: the reader may fill it with a later report. */
  release(): void {
    this.reader.reuse(this);
  }
}

/** Held reports kept for reuse per participant: what arrives in a couple of seconds, with room to spare. */
const MAX_KEPT_FOR_REUSE = 16;

/**
 * One participant's stats reports, read as they arrive rather than when event time reaches
 * them: the counters become interval sums (IntervalSumsReader) and the microphone's energy an
 * interval, and the report itself can go. Both only depend on the participant's own earlier
 * reports, which come in order (the live pipeline puts each participant's envelopes back in
 * sequence; recordings are in time order), so reading early gives the same intervals.
 *
 * Why: the analyzer holds what it is given until the watermark passes it, about two seconds
 * live. A held report (about 2 KB of objects) lived through two young-generation collections
 * and was promoted, then died: half of all the bytes promoted at 1,000 sessions, which set how
 * often the full collections that make the snapshot latency's tail came. Its digest is a few
 * hundred bytes, and the digests themselves are reused once applied: a new one per report was
 * still promoted (7 MB/s at 1,000 sessions of 10) for the same reason.
 */
export class StatsReader {
  private readonly counters = new IntervalSumsReader();
  private readonly microphone = new MediaSourceEnergyReader();
  private readonly reusable: HeldStats[] = [];

  read(participantId: string, role: SessionRole, message: StatsMessage, late: boolean): HeldStats {
    const held = this.reusable.pop() ?? new HeldStats(this);
    held.participantId = participantId;
    held.role = role;
    held.late = late;
    held.message.fill(message, this.counters, this.microphone);
    return held;
  }

  reuse(held: HeldStats): void {
    if (this.reusable.length < MAX_KEPT_FOR_REUSE) this.reusable.push(held);
  }

  /** Sizes of what is kept, for the bounded-memory test. */
  footprint(): { normalizerPeerConnections: number; microphonePeerConnections: number; digestsForReuse: number } {
    return {
      normalizerPeerConnections: this.counters.peerConnectionCount,
      microphonePeerConnections: this.microphone.trackedPeerConnections,
      digestsForReuse: this.reusable.length,
    };
  }
}
