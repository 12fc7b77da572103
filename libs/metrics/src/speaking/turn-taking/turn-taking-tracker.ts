import { SpanRing } from '../common/span-ring';
import type { SpeakingParameters } from '../parameters';
import type { Turn } from '../types';
import { isAffirmation, isInterruption, overlapMs, responseLatencySeconds, transitionGapMs } from './pair-relations';
import type { TurnTakingEvent } from './turn-taking-events';

/** What the relations read of a turn. */
type RecentTurn = Pick<Turn, 'participantId' | 'start' | 'end' | 'substantive'>;

/** A recent turn's mark in its ring: it was substantive (a backchannel's is 0). */
const SUBSTANTIVE = 1;

/**
 * Finds transitions, interruptions and affirmations as turns close.
 *
 * A pair of overlapping turns is judged when the second of the two closes: the first is then
 * among the other participant's recent turns. A transition is judged when the later turn
 * closes, against the latest-ending eligible turn of someone else that it follows. Memory is a
 * ring of the last `recentTurnsPerParticipant` turns per participant (their times and whether
 * they were substantive: all the relations read).
 */
export class TurnTakingTracker {
  private readonly recentTurns = new Map<string, SpanRing>();

  constructor(private readonly parameters: SpeakingParameters) {}

  addClosedTurn(turn: Turn): TurnTakingEvent[] {
    const events: TurnTakingEvent[] = [];
    let predecessor: { turn: RecentTurn; gapMs: number } | undefined;
    for (const [participantId, turns] of this.recentTurns) {
      if (participantId === turn.participantId) continue;
      for (let offset = 0; offset < turns.size; offset++) {
        const other: RecentTurn = {
          participantId,
          start: turns.start(offset),
          end: turns.end(offset),
          substantive: turns.mark(offset) === SUBSTANTIVE,
        };
        events.push(...this.overlapRelations(other, turn));
        if (!this.takesPartInTransitions(other) || !this.takesPartInTransitions(turn)) continue;
        const gapMs = transitionGapMs(other, turn, this.parameters);
        if (gapMs !== undefined && (!predecessor || other.end > predecessor.turn.end)) {
          predecessor = { turn: other, gapMs };
        }
      }
    }
    if (predecessor) {
      events.push({
        kind: 'transition',
        from: predecessor.turn.participantId,
        to: turn.participantId,
        at: turn.start,
        gapSeconds: predecessor.gapMs / 1000,
        responseLatencySeconds: responseLatencySeconds(predecessor.gapMs, this.parameters),
      });
    }
    this.remember(turn);
    return events.sort((a, b) => a.at - b.at);
  }

  private overlapRelations(earlier: RecentTurn, later: RecentTurn): TurnTakingEvent[] {
    const overlapSeconds = overlapMs(earlier, later) / 1000;
    if (overlapSeconds <= 0) return [];
    const events: TurnTakingEvent[] = [];
    for (const [first, second] of [
      [earlier, later],
      [later, earlier],
    ]) {
      if (isInterruption(first, second, this.parameters)) {
        events.push({
          kind: 'interruption',
          interrupted: first.participantId,
          interrupter: second.participantId,
          at: second.start,
          overlapSeconds,
        });
      }
      if (isAffirmation(first, second, this.parameters)) {
        events.push({
          kind: 'affirmation',
          speaker: first.participantId,
          affirmer: second.participantId,
          at: second.start,
          overlapSeconds,
        });
      }
    }
    return events;
  }

  private takesPartInTransitions(turn: RecentTurn): boolean {
    return this.parameters.transitionTurns === 'all' || turn.substantive;
  }

  private remember(turn: Turn): void {
    let turns = this.recentTurns.get(turn.participantId);
    if (!turns) {
      turns = new SpanRing(this.parameters.recentTurnsPerParticipant);
      this.recentTurns.set(turn.participantId, turns);
    }
    turns.push(turn.start, turn.end, turn.substantive ? SUBSTANTIVE : 0);
  }
}

/** Batch form: every relation among a set of closed turns, in time order. */
export function findTurnTakingEvents(turns: Iterable<Turn>, parameters: SpeakingParameters): TurnTakingEvent[] {
  // Closing order is end order: that is when the live tracker would see them.
  const byEnd = [...turns].sort((a, b) => a.end - b.end || a.start - b.start);
  const tracker = new TurnTakingTracker(parameters);
  return byEnd.flatMap((turn) => tracker.addClosedTurn(turn)).sort((a, b) => a.at - b.at);
}
