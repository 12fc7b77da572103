import { resolveSpeakingParameters } from '../parameters';
import type { Turn } from '../types';
import { memberToMemberRatio } from './member-to-member-ratio';
import { findTurnTakingEvents, TurnTakingTracker } from './turn-taking-tracker';
import { TurnTakingTotals } from './turn-taking-totals';

const turn = (participantId: string, startSeconds: number, endSeconds: number): Turn => ({
  participantId,
  start: startSeconds * 1000,
  end: endSeconds * 1000,
  durationSeconds: endSeconds - startSeconds,
  speakingSeconds: endSeconds - startSeconds,
  utteranceCount: 1,
  substantive: endSeconds - startSeconds >= 2,
});

describe(findTurnTakingEvents.name, () => {
  const parameters = resolveSpeakingParameters();

  it('finds hand-overs with their latency, and skips backchannels by default', () => {
    const events = findTurnTakingEvents(
      [turn('lead', 0, 10), turn('ann', 10.4, 20), turn('bob', 15, 15.5), turn('bob', 21, 30)],
      parameters,
    );
    expect(events.filter((event) => event.kind === 'transition')).toEqual([
      { kind: 'transition', from: 'lead', to: 'ann', at: 10_400, gapSeconds: 0.4, responseLatencySeconds: 0.4 },
      { kind: 'transition', from: 'ann', to: 'bob', at: 21_000, gapSeconds: 1, responseLatencySeconds: 1 },
    ]);
  });

  it('takes the latest-ending previous turn as the one answered', () => {
    const events = findTurnTakingEvents([turn('ann', 0, 10), turn('lead', 5, 11), turn('bob', 12, 20)], parameters);
    expect(
      events.filter((event) => event.kind === 'transition').map((event) => event.kind === 'transition' && event.from),
    ).toEqual(['ann', 'lead']);
  });

  it('counts backchannels as turns when configured to', () => {
    const events = findTurnTakingEvents(
      [turn('lead', 0, 10), turn('bob', 11, 11.5)],
      resolveSpeakingParameters({ transitionTurns: 'all' }),
    );
    expect(events).toEqual([expect.objectContaining({ kind: 'transition', from: 'lead', to: 'bob' })]);
  });

  it('finds an interruption and an affirmation, whichever turn closes first', () => {
    const events = findTurnTakingEvents([turn('ann', 0, 10), turn('bob', 8.5, 15), turn('cat', 3, 3.8)], parameters);
    expect(events).toEqual(
      expect.arrayContaining([
        { kind: 'affirmation', speaker: 'ann', affirmer: 'cat', at: 3000, overlapSeconds: expect.closeTo(0.8, 9) },
        { kind: 'interruption', interrupted: 'ann', interrupter: 'bob', at: 8500, overlapSeconds: 1.5 },
      ]),
    );
  });

  it('remembers a bounded number of turns per participant', () => {
    const sut = new TurnTakingTracker(resolveSpeakingParameters({ recentTurnsPerParticipant: 2 }));
    sut.addClosedTurn(turn('ann', 0, 100));
    for (let index = 0; index < 3; index++) sut.addClosedTurn(turn('ann', 200 + index * 10, 205 + index * 10));
    // ann's first turn is forgotten: bob's turn overlapping it finds no partner.
    expect(sut.addClosedTurn(turn('bob', 50, 300))).toEqual([]);
  });
});

describe(TurnTakingTotals.name, () => {
  it('sums transitions, relations and latencies into a summary', () => {
    const sut = new TurnTakingTotals();
    for (const event of findTurnTakingEvents(
      [turn('lead', 0, 10), turn('ann', 10.5, 20), turn('lead', 21.5, 30), turn('bob', 30.2, 40), turn('ann', 41, 50)],
      resolveSpeakingParameters(),
    )) {
      sut.add(event);
    }
    const summary = sut.summary(new Set(['lead']));
    expect(summary.transitions).toEqual([
      { from: 'ann', to: 'lead', count: 1 },
      { from: 'bob', to: 'ann', count: 1 },
      { from: 'lead', to: 'ann', count: 1 },
      { from: 'lead', to: 'bob', count: 1 },
    ]);
    expect(summary.transitionCount).toBe(4);
    expect(summary.memberToMemberRatio).toBe(0.25);
    expect(summary.meanResponseLatencySeconds).toBeCloseTo((0.5 + 1.5 + 0.2 + 1) / 4, 9);
    // From a 100 ms histogram: between the two middle latencies (0.5 s and 1 s).
    expect(summary.medianResponseLatencySeconds).toBeGreaterThanOrEqual(0.5);
    expect(summary.medianResponseLatencySeconds).toBeLessThanOrEqual(1);
    expect(summary.participants.find((participant) => participant.participantId === 'ann')).toMatchObject({
      responses: 2,
      meanResponseLatencySeconds: 0.75,
    });
  });
});

describe(memberToMemberRatio.name, () => {
  it.each([
    [[], null],
    [[{ from: 'lead', to: 'a', count: 3 }], 0],
    [
      [
        { from: 'a', to: 'b', count: 1 },
        { from: 'lead', to: 'a', count: 1 },
      ],
      0.5,
    ],
    [[{ from: 'a', to: 'b', count: 2 }], 1],
  ])('%j → %s', (transitions, expected) => {
    expect(memberToMemberRatio(transitions, new Set(['lead']))).toBe(expected);
  });
});
