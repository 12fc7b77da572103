import { TurnTakingTotals } from './turn-taking-totals';

const transition = (from: string, to: string) =>
  ({ kind: 'transition', from, to, at: 0, gapSeconds: 0.5, responseLatencySeconds: 0.5 }) as const;

describe(TurnTakingTotals.name, () => {
  it('a summary asked again after new events counts them (snapshots ask every second)', () => {
    const sut = new TurnTakingTotals();
    sut.add(transition('ann', 'bob'));
    expect(sut.summary(new Set()).transitionCount).toBe(1);
    sut.add(transition('bob', 'ann'));
    sut.add({ kind: 'interruption', interrupted: 'ann', interrupter: 'bob', at: 0, overlapSeconds: 1 });
    const summary = sut.summary(new Set());
    expect(summary.transitionCount).toBe(2);
    expect(summary.participants.find((participant) => participant.participantId === 'bob')).toMatchObject({
      interruptionsMade: 1,
    });
  });

  it('follows a change of facilitators without new events', () => {
    const sut = new TurnTakingTotals();
    sut.add(transition('ann', 'bob'));
    sut.add(transition('bob', 'lead'));
    expect(sut.summary(new Set()).memberToMemberRatio).toBe(1);
    expect(sut.summary(new Set(['lead'])).memberToMemberRatio).toBe(0.5);
    expect(sut.summary(new Set(['lead'])).memberToMemberRatio).toBe(0.5);
    expect(sut.summary(new Set()).memberToMemberRatio).toBe(1);
  });
});
