import { memberToMemberRatio, type TransitionCount } from './member-to-member-ratio';
import type { TurnTakingEvent } from './turn-taking-events';

export interface ParticipantTurnTaking {
  participantId: string;
  interruptionsMade: number;
  interruptionsReceived: number;
  affirmationsMade: number;
  affirmationsReceived: number;
  /** Response latencies of this participant's turns that answered someone (0 … max s). */
  responses: number;
  meanResponseLatencySeconds: number | null;
}

export interface TurnTakingSummary {
  /** T[i][j] as a sparse list, sorted by from then to. */
  transitions: TransitionCount[];
  transitionCount: number;
  memberToMemberRatio: number | null;
  meanResponseLatencySeconds: number | null;
  /** Median to the resolution of a 100 ms histogram. */
  medianResponseLatencySeconds: number | null;
  participants: ParticipantTurnTaking[];
}

const LATENCY_BIN_SECONDS = 0.1;

/** Running totals of turn-taking events; memory grows with participants, not with time. */
export class TurnTakingTotals {
  private readonly matrix = new Map<string, Map<string, number>>();
  private readonly perParticipant = new Map<string, ParticipantTurnTaking & { latencySum: number }>();
  private readonly latencyHistogram: number[] = [];
  private latencyCount = 0;
  private latencySum = 0;
  /**
   * The last summary, while no event has been added since and the facilitators are the same:
   * a snapshot asks every second, turn-taking events come a few times a minute.
   */
  private latest: { summary: TurnTakingSummary; facilitatorIds: ReadonlySet<string> } | undefined;

  add(event: TurnTakingEvent): void {
    this.latest = undefined;
    switch (event.kind) {
      case 'transition': {
        const row = this.matrix.get(event.from) ?? new Map<string, number>();
        row.set(event.to, (row.get(event.to) ?? 0) + 1);
        this.matrix.set(event.from, row);
        if (event.responseLatencySeconds !== undefined) this.addLatency(event.to, event.responseLatencySeconds);
        return;
      }
      case 'interruption':
        this.participant(event.interrupter).interruptionsMade += 1;
        this.participant(event.interrupted).interruptionsReceived += 1;
        return;
      case 'affirmation':
        this.participant(event.affirmer).affirmationsMade += 1;
        this.participant(event.speaker).affirmationsReceived += 1;
        return;
    }
  }

  summary(facilitatorIds: ReadonlySet<string> = new Set()): TurnTakingSummary {
    const latest = this.latest;
    if (latest && sameIds(latest.facilitatorIds, facilitatorIds)) return latest.summary;
    const summary = this.summarize(facilitatorIds);
    this.latest = { summary, facilitatorIds: new Set(facilitatorIds) };
    return summary;
  }

  private summarize(facilitatorIds: ReadonlySet<string>): TurnTakingSummary {
    const transitions: TransitionCount[] = [];
    for (const [from, row] of this.matrix) for (const [to, count] of row) transitions.push({ from, to, count });
    transitions.sort((a, b) => a.from.localeCompare(b.from) || a.to.localeCompare(b.to));
    return {
      transitions,
      transitionCount: transitions.reduce((sum, { count }) => sum + count, 0),
      memberToMemberRatio: memberToMemberRatio(transitions, facilitatorIds),
      meanResponseLatencySeconds: this.latencyCount > 0 ? this.latencySum / this.latencyCount : null,
      medianResponseLatencySeconds: this.medianLatency(),
      participants: [...this.perParticipant.values()]
        .map(({ latencySum, ...totals }) => ({
          ...totals,
          meanResponseLatencySeconds: totals.responses > 0 ? latencySum / totals.responses : null,
        }))
        .sort((a, b) => a.participantId.localeCompare(b.participantId)),
    };
  }

  private addLatency(participantId: string, seconds: number): void {
    const totals = this.participant(participantId);
    totals.responses += 1;
    totals.latencySum += seconds;
    this.latencyCount += 1;
    this.latencySum += seconds;
    const bin = Math.floor(seconds / LATENCY_BIN_SECONDS);
    while (this.latencyHistogram.length <= bin) this.latencyHistogram.push(0);
    this.latencyHistogram[bin] += 1;
  }

  private medianLatency(): number | null {
    if (this.latencyCount === 0) return null;
    let seen = 0;
    for (let bin = 0; bin < this.latencyHistogram.length; bin++) {
      const inBin = this.latencyHistogram[bin];
      if (seen + inBin >= this.latencyCount / 2) {
        return (bin + (this.latencyCount / 2 - seen) / inBin) * LATENCY_BIN_SECONDS;
      }
      seen += inBin;
    }
    return this.latencyHistogram.length * LATENCY_BIN_SECONDS;
  }

  private participant(participantId: string): ParticipantTurnTaking & { latencySum: number } {
    let totals = this.perParticipant.get(participantId);
    if (!totals) {
      totals = {
        participantId,
        interruptionsMade: 0,
        interruptionsReceived: 0,
        affirmationsMade: 0,
        affirmationsReceived: 0,
        responses: 0,
        meanResponseLatencySeconds: null,
        latencySum: 0,
      };
      this.perParticipant.set(participantId, totals);
    }
    return totals;
  }
}

function sameIds(a: ReadonlySet<string>, b: ReadonlySet<string>): boolean {
  if (a.size !== b.size) return false;
  for (const id of a) if (!b.has(id)) return false;
  return true;
}
