import { DEFAULT_SPEAKING_PARAMETERS } from '../parameters';
import type { Utterance } from '../types';
import { mergeUtterancesIntoTurns, TurnTracker } from './turn-tracker';

const T0 = 1_700_000_000_000;
const utterance = (participantId: string, startSeconds: number, endSeconds: number): Utterance => ({
  participantId,
  start: T0 + startSeconds * 1000,
  end: T0 + endSeconds * 1000,
});

describe(mergeUtterancesIntoTurns.name, () => {
  const merge = (utterances: Utterance[]) => mergeUtterancesIntoTurns(utterances, DEFAULT_SPEAKING_PARAMETERS);

  it.each([
    ['a gap under 0.5 s joins', 0.49, 1],
    ['a gap of exactly 0.5 s splits', 0.5, 2],
    ['a longer gap splits', 2, 2],
    ['overlapping utterances join', -0.3, 1],
  ])('%s', (_label, gapSeconds, expectedTurns) => {
    expect(merge([utterance('a', 0, 1), utterance('a', 1 + gapSeconds, 3 + gapSeconds)])).toHaveLength(expectedTurns);
  });

  it('counts talk inside a turn without the bridged gaps or double-counted overlaps', () => {
    const [turn] = merge([utterance('a', 0, 1), utterance('a', 1.3, 2), utterance('a', 1.8, 2.5)]);
    expect(turn).toMatchObject({ start: T0, end: T0 + 2500, durationSeconds: 2.5, utteranceCount: 3 });
    expect(turn.speakingSeconds).toBeCloseTo(2.2, 9);
  });

  it.each([
    [1.99, false],
    [2, true],
    [7, true],
  ])('a %s s turn is substantive: %s (shorter ones are backchannels)', (seconds, substantive) => {
    expect(merge([utterance('a', 10, 10 + seconds)])[0].substantive).toBe(substantive);
  });

  it('keeps participants apart', () => {
    const turns = merge([utterance('a', 0, 1), utterance('b', 1.1, 2), utterance('a', 1.2, 3)]);
    expect(turns.map((turn) => [turn.participantId, turn.durationSeconds])).toEqual([
      ['a', 3],
      ['b', 0.9],
    ]);
  });
});

describe(TurnTracker.name, () => {
  let sut: TurnTracker;
  beforeEach(() => {
    sut = new TurnTracker(DEFAULT_SPEAKING_PARAMETERS);
  });

  it('reports a growing turn as open, then closes it when the speaker starts again after the gap', () => {
    expect(sut.push(utterance('a', 0, 1))).toEqual([expect.objectContaining({ status: 'open', end: T0 + 1000 })]);
    expect(sut.push(utterance('a', 1.2, 2.5))).toEqual([expect.objectContaining({ status: 'open', end: T0 + 2500 })]);
    expect(sut.push(utterance('a', 4, 5))).toEqual([
      expect.objectContaining({ status: 'closed', start: T0, end: T0 + 2500, substantive: true }),
      expect.objectContaining({ status: 'open', start: T0 + 4000 }),
    ]);
  });

  it('closes on a watermark only once the merge gap has passed', () => {
    sut.push(utterance('a', 0, 1));
    expect(sut.push({ kind: 'watermark', participantId: 'a', at: T0 + 1400 })).toEqual([]);
    expect(sut.push({ kind: 'watermark', participantId: 'b', at: T0 + 9000 })).toEqual([]);
    expect(sut.push({ kind: 'watermark', participantId: 'a', at: T0 + 1500 })).toEqual([
      expect.objectContaining({ status: 'closed', participantId: 'a' }),
    ]);
  });

  it('a watermark without participant applies to everyone', () => {
    sut.push(utterance('a', 0, 1));
    sut.push(utterance('b', 0, 3));
    expect(sut.push({ kind: 'watermark', at: T0 + 10_000 }).map((turn) => turn.participantId)).toEqual(['a', 'b']);
  });

  it('a late utterance from before the open turn becomes a closed turn of its own', () => {
    sut.push(utterance('a', 10, 11));
    expect(sut.push(utterance('a', 2, 3))).toEqual([
      expect.objectContaining({ status: 'closed', start: T0 + 2000, end: T0 + 3000 }),
    ]);
  });

  it('closes one participant on leave and everyone on flush', () => {
    sut.push(utterance('a', 0, 1));
    sut.push(utterance('b', 0, 1));
    expect(sut.close('a')).toHaveLength(1);
    expect(sut.close('a')).toHaveLength(0);
    expect(sut.flush().map((turn) => turn.participantId)).toEqual(['b']);
  });
});
