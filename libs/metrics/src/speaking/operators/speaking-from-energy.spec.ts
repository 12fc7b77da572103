import { map } from 'rxjs';
import { createTestScheduler } from '../testing/marbles';
import { isSpeechWatermark, type ParticipantEnergyInterval, type SpeechInput } from '../types';
import { speakingFractions, speakingFromEnergy, type EnergySpeakingInput } from './speaking-from-energy';

const T0 = 1_700_000_000_000;
const interval = (participantId: string, index: number, levelDb: number): ParticipantEnergyInterval => ({
  participantId,
  at: T0 + (index + 1) * 1000,
  intervalSeconds: 1,
  deltaTotalAudioEnergy: 10 ** (levelDb / 10),
  deltaTotalSamplesDuration: 1,
});
const inputs: Record<string, EnergySpeakingInput> = {
  a: interval('ann', 0, -60),
  b: interval('ann', 1, -25),
  c: interval('ann', 2, -25),
  d: interval('ann', 3, -60),
  x: interval('bob', 0, -55),
  l: { kind: 'leave', participantId: 'ann', at: T0 + 4000 },
};
const shape = (input: SpeechInput) => (isSpeechWatermark(input) ? 'w' : 'u');

describe(speakingFractions.name, () => {
  it("reports each member's interval one interval late, and the last one at leave or completion", () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a 9ms x 9ms b 9ms l 9ms |', inputs);
      const ends = source.pipe(
        speakingFractions(),
        map((estimate) => `${estimate.participantId}@${(estimate.end - T0) / 1000}`),
      );
      expectObservable(ends).toBe('20ms A 9ms B 9ms (C|)', { A: 'ann@1', B: 'ann@2', C: 'bob@1' });
    });
  });
});

describe(speakingFromEnergy.name, () => {
  it('turns a spoken stretch into a pseudo-utterance once it is over, with watermarks in event time', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const source = cold('a 9ms b 9ms c 9ms d 9ms l 9ms |', inputs);
      expectObservable(source.pipe(speakingFromEnergy(), map(shape))).toBe('10ms w 9ms w 9ms (uw) 6ms w 9ms |');
    });
  });

  it('places the speech across the boundary between the two loud intervals', () => {
    const emitted: SpeechInput[] = [];
    createTestScheduler().run(({ cold }) => {
      cold('a b c d l |', inputs)
        .pipe(speakingFromEnergy())
        .subscribe((input) => emitted.push(input));
    });
    const [utterance] = emitted.filter((input) => !isSpeechWatermark(input));
    expect(utterance).toMatchObject({ participantId: 'ann' });
    expect(!isSpeechWatermark(utterance) && utterance.start).toBeGreaterThan(T0 + 1000);
    expect(!isSpeechWatermark(utterance) && utterance.end).toBeLessThan(T0 + 3000);
  });
});
