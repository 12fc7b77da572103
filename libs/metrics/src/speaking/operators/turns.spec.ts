import { createTestScheduler } from '../testing/marbles';
import type { SpeechInput, TurnUpdate } from '../types';
import { turns } from './turns';

const T0 = 1_700_000_000_000;

describe(turns.name, () => {
  it('emits open updates as utterances arrive and closes turns on event-time watermarks', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const inputs: Record<string, SpeechInput> = {
        a: { participantId: 'x', start: T0, end: T0 + 1000 },
        b: { participantId: 'x', start: T0 + 1300, end: T0 + 3000 },
        w: { kind: 'watermark', participantId: 'x', at: T0 + 3200 },
        v: { kind: 'watermark', participantId: 'x', at: T0 + 3500 },
        c: { participantId: 'y', start: T0 + 4000, end: T0 + 4800 },
      };
      const turn = (fields: Partial<TurnUpdate>): TurnUpdate => ({
        participantId: 'x',
        start: T0,
        end: T0 + 1000,
        durationSeconds: 1,
        speakingSeconds: 1,
        utteranceCount: 1,
        substantive: false,
        status: 'open',
        ...fields,
      });
      const grown = { end: T0 + 3000, durationSeconds: 3, speakingSeconds: 2.7, utteranceCount: 2, substantive: true };
      const expected: Record<string, TurnUpdate> = {
        A: turn({}),
        B: turn({ ...grown }),
        V: turn({ ...grown, status: 'closed' }),
        C: turn({ participantId: 'y', start: T0 + 4000, end: T0 + 4800, durationSeconds: 0.8, speakingSeconds: 0.8 }),
        Z: turn({
          participantId: 'y',
          start: T0 + 4000,
          end: T0 + 4800,
          durationSeconds: 0.8,
          speakingSeconds: 0.8,
          status: 'closed',
        }),
      };
      // The watermark at +3.2 s is within the 0.5 s merge gap: the turn stays open until +3.5 s.
      const source = cold('a 9ms b 9ms w 9ms v 9ms c 9ms |', inputs);
      expectObservable(source.pipe(turns())).toBe('A 9ms B 19ms V 9ms C 9ms (Z|)', expected);
    });
  });
});
