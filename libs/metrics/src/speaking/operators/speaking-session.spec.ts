import { map } from 'rxjs';
import type { SpeakingSessionInput, SpeakingSessionOutput } from '../speaking-session-events';
import { createTestScheduler } from '../testing/marbles';
import { speakingSession } from './speaking-session';

const T0 = 1_700_000_000_000;
const inputs: Record<string, SpeakingSessionInput> = {
  j: { kind: 'join', participantId: 'lead', at: T0, role: 'facilitator' },
  k: { kind: 'join', participantId: 'ann', at: T0, role: 'member' },
  a: { participantId: 'lead', start: T0, end: T0 + 10_000 },
  b: { participantId: 'ann', start: T0 + 10_500, end: T0 + 14_000 },
  t: { kind: 'tick', at: T0 + 15_000 },
  w: { kind: 'watermark', at: T0 + 15_000 },
  e: { kind: 'session-end', at: T0 + 16_000 },
};
const describeOutput = (output: SpeakingSessionOutput): string =>
  output.kind === 'snapshot'
    ? `snapshot@${(output.snapshot.at - T0) / 1000}:${output.snapshot.participants
        .map((entry) => `${entry.participantId}=${entry.talkSeconds}`)
        .join(',')}`
    : output.kind === 'turn'
      ? `turn:${output.turn.participantId}`
      : output.kind;

describe(speakingSession.name, () => {
  it('emits a snapshot per tick, turns when they close, and relations as they are found', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const source = cold('(jk) 9ms a 9ms b 9ms t 9ms w 9ms e 9ms |', inputs);
      // Device utterances do not close each other's turns: the watermark does.
      expectObservable(source.pipe(speakingSession(), map(describeOutput))).toBe('33ms s 9ms (xyz) 5ms e 9ms |', {
        s: 'snapshot@15:lead=10,ann=3.5',
        x: 'turn:lead',
        y: 'turn:ann',
        z: 'transition',
        e: 'snapshot@16:lead=10,ann=3.5',
      });
    });
  });
});
