import { parseRttm, speechBySpeaker, totalSeconds, unionOfSpans, utterancesFromRttm } from './rttm';

const RTTM = `SPEAKER ES2011a 1 34.27 10.12 <NA> <NA> FEE041 <NA> <NA>
SPEAKER ES2011a 1 40.00 6.00 <NA> <NA> FEE041 <NA> <NA>
SPEAKER ES2011a 1 65.0 12.78 <NA> <NA> FEE044 <NA> <NA>
not a speaker line
`;

describe(parseRttm.name, () => {
  it('reads SPEAKER lines and skips anything else', () => {
    expect(parseRttm(RTTM)).toEqual([
      { recording: 'ES2011a', speaker: 'FEE041', startSeconds: 34.27, durationSeconds: 10.12 },
      { recording: 'ES2011a', speaker: 'FEE041', startSeconds: 40, durationSeconds: 6 },
      { recording: 'ES2011a', speaker: 'FEE044', startSeconds: 65, durationSeconds: 12.78 },
    ]);
  });
});

describe(speechBySpeaker.name, () => {
  it("merges a speaker's own overlapping segments so they count once", () => {
    const speech = speechBySpeaker(parseRttm(RTTM));
    expect(speech.get('FEE041')).toEqual([{ startSeconds: 34.27, endSeconds: 46 }]);
    expect(totalSeconds(speech.get('FEE041') ?? [])).toBeCloseTo(11.73, 9);
  });

  it('keeps touching spans apart only when there is a gap', () => {
    expect(
      unionOfSpans([
        { startSeconds: 0, endSeconds: 1 },
        { startSeconds: 1, endSeconds: 2 },
        { startSeconds: 2.5, endSeconds: 3 },
      ]),
    ).toEqual([
      { startSeconds: 0, endSeconds: 2 },
      { startSeconds: 2.5, endSeconds: 3 },
    ]);
  });
});

describe(utterancesFromRttm.name, () => {
  it('turns segments into utterances in epoch ms', () => {
    expect(utterancesFromRttm(parseRttm(RTTM), 1_000_000)[2]).toEqual({
      participantId: 'FEE044',
      start: 1_065_000,
      end: 1_077_780,
    });
  });
});
