import { isSpeechWatermark, type SpeakingFractionEstimate, type SpeechInput, type Utterance } from '../types';
import { placeSpeech, PseudoUtteranceBuilder, pseudoUtterancesFromEstimates } from './pseudo-utterances';

const T0 = 1_700_000_000_000;

function estimate(
  index: number,
  fraction: number,
  touches: { start?: boolean; end?: boolean } = {},
): SpeakingFractionEstimate {
  return {
    participantId: 'ann',
    start: T0 + index * 1000,
    end: T0 + (index + 1) * 1000,
    fraction,
    speakingSeconds: fraction,
    levelDbfs: -30,
    noiseFloorDbfs: -60,
    speechLevelDbfs: -25,
    touchesStart: touches.start ?? false,
    touchesEnd: touches.end ?? false,
  };
}

describe(placeSpeech.name, () => {
  const relative = (pieces: Array<{ start: number; end: number }>) =>
    pieces.map(({ start, end }) => [start - T0, end - T0]);

  it.each([
    ['continuing from the previous interval: at the start', { start: true }, [[0, 400]]],
    ['running on into the next: at the end', { end: true }, [[600, 1000]]],
    [
      'both: a pause in the middle',
      { start: true, end: true },
      [
        [0, 200],
        [800, 1000],
      ],
    ],
    ['neither: centred', {}, [[300, 700]]],
  ])('%s', (_label, touches, expected) => {
    expect(relative(placeSpeech(estimate(0, 0.4, touches)))).toEqual(expected);
  });

  it('fills a fully spoken interval and places nothing for silence', () => {
    expect(relative(placeSpeech(estimate(0, 1)))).toEqual([[0, 1000]]);
    expect(placeSpeech(estimate(0, 0))).toEqual([]);
  });
});

describe(PseudoUtteranceBuilder.name, () => {
  const utterancesIn = (inputs: SpeechInput[]) =>
    inputs.filter((input): input is Utterance => !isSpeechWatermark(input));

  it('joins the pieces of a turn across intervals into one utterance', () => {
    const utterances = pseudoUtterancesFromEstimates('ann', [
      estimate(0, 0.3, { end: true }),
      estimate(1, 1, { start: true, end: true }),
      estimate(2, 1, { start: true, end: true }),
      estimate(3, 0.4, { start: true }),
      estimate(4, 0),
    ]);
    expect(utterances).toEqual([{ participantId: 'ann', start: T0 + 700, end: T0 + 3400 }]);
  });

  it('emits a monologue in chunks so live talk time does not wait for its end', () => {
    const sut = new PseudoUtteranceBuilder('ann', 5);
    const emitted: SpeechInput[] = [];
    for (let index = 0; index < 12; index++)
      emitted.push(...sut.push(estimate(index, 1, { start: index > 0, end: true })));
    emitted.push(...sut.flush());
    expect(utterancesIn(emitted).map((utterance) => [utterance.start - T0, utterance.end - T0])).toEqual([
      [0, 5000],
      [5000, 10_000],
      [10_000, 12_000],
    ]);
  });

  it('follows each interval with a watermark at the start of what is still open', () => {
    const sut = new PseudoUtteranceBuilder('ann');
    expect(sut.push(estimate(0, 0.5, { end: true }))).toEqual([
      { kind: 'watermark', participantId: 'ann', at: T0 + 500 },
    ]);
    expect(sut.push(estimate(1, 0.2, { start: true }))).toEqual([
      { participantId: 'ann', start: T0 + 500, end: T0 + 1200 },
      { kind: 'watermark', participantId: 'ann', at: T0 + 2000 },
    ]);
  });

  it('closes an open utterance at a gap in the estimates', () => {
    const sut = new PseudoUtteranceBuilder('ann');
    sut.push(estimate(0, 0.5, { end: true }));
    expect(utterancesIn(sut.push(estimate(5, 0.5, { end: true })))).toEqual([
      { participantId: 'ann', start: T0 + 500, end: T0 + 1000 },
    ]);
  });
});
