import { encodeStatsDelta, type StatsObject } from '@attune/protocol/delta/stats-delta';
import type { StatsReportRecord, StatsWireMessage } from '../core/wire';

interface Baseline {
  /** The acknowledged envelope that holds the report. */
  seq: number;
  timestamp: number;
  stats: StatsObject[];
}

/**
 * Per peer connection, the latest report the server has acknowledged storing: the baseline
 * that deltas are computed against. Only an acknowledged report can be a baseline, so a lost
 * or rejected message never corrupts the ones after it.
 */
export class StatsBaselines {
  private readonly baselines = new Map<string, Baseline>();

  /** The wire form of a report: a delta when the server holds a baseline, else full. */
  encode(report: StatsReportRecord): StatsWireMessage {
    const baseline = this.baselines.get(report.peerConnectionId);
    if (!baseline) return StatsBaselines.full(report);
    const delta = encodeStatsDelta(baseline.stats, report.stats, report.timestamp);
    return {
      kind: 'stats',
      timestamp: report.timestamp,
      peerConnectionId: report.peerConnectionId,
      deltaOf: baseline.seq,
      ...delta,
    };
  }

  static full(report: StatsReportRecord): StatsWireMessage {
    return {
      kind: 'stats',
      timestamp: report.timestamp,
      peerConnectionId: report.peerConnectionId,
      stats: report.stats,
    };
  }

  /** The server stored `report` in envelope `seq`: it becomes the baseline unless a newer one is. */
  stored(seq: number, report: StatsReportRecord): void {
    const current = this.baselines.get(report.peerConnectionId);
    if (current && current.timestamp > report.timestamp) return;
    this.baselines.set(report.peerConnectionId, { seq, timestamp: report.timestamp, stats: report.stats });
  }

  /** The server may no longer hold `seq`'s report (a delta against it was rejected): stop using it. */
  invalidate(peerConnectionId: string, seq: number): void {
    if (this.baselines.get(peerConnectionId)?.seq === seq) this.baselines.delete(peerConnectionId);
  }

  forget(peerConnectionId: string): void {
    this.baselines.delete(peerConnectionId);
  }

  baselineSeq(peerConnectionId: string): number | undefined {
    return this.baselines.get(peerConnectionId)?.seq;
  }
}
