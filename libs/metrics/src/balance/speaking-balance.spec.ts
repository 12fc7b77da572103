import { speakingBalance } from './speaking-balance';

describe(speakingBalance.name, () => {
  it('reports N, total talk and both measures', () => {
    expect(speakingBalance([90, 30])).toEqual({
      participantCount: 2,
      totalTalkSeconds: 120,
      gini: 0.25,
      normalisedEntropy: expect.closeTo(0.811278, 6),
    });
  });

  it('reports the undefined edge cases as null', () => {
    expect(speakingBalance([42])).toEqual({
      participantCount: 1,
      totalTalkSeconds: 42,
      gini: null,
      normalisedEntropy: null,
    });
    expect(speakingBalance([])).toEqual({
      participantCount: 0,
      totalTalkSeconds: 0,
      gini: null,
      normalisedEntropy: null,
    });
  });
});
