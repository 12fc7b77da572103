import { map } from 'rxjs';
import { createTestScheduler } from '../../speaking/testing/marbles';
import type { DistractionInput, DistractionUpdate } from '../types';
import { distractionEpisodes } from './distraction-episodes';

const T0 = 1_700_000_000_000;
const inputs: Record<string, DistractionInput> = {
  h: { type: 'visibility', participantId: 'ann', at: T0 + 1000, state: 'hidden' },
  c: { type: 'camera', participantId: 'bob', at: T0 + 2000, state: 'off' },
  v: { type: 'visibility', participantId: 'ann', at: T0 + 61_000, state: 'visible' },
  d: { type: 'device-change', participantId: 'bob', at: T0 + 62_000, device: 'audioinput' },
  l: { type: 'leave', participantId: 'bob', at: T0 + 90_000 },
};
const describeUpdate = (update: DistractionUpdate) =>
  update.kind === 'opened'
    ? `open ${update.participantId} ${update.type}`
    : `${update.episode.participantId} ${update.episode.type} ${update.episode.durationSeconds}s ${update.episode.endedBy}`;

describe(distractionEpisodes.name, () => {
  it('opens and closes episodes in event time, and closes what is open when the member leaves', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const source = cold('h 9ms c 9ms v 9ms d 9ms l 9ms |', inputs);
      expectObservable(source.pipe(distractionEpisodes(), map(describeUpdate))).toBe(
        'a 9ms b 9ms c 9ms d 9ms e 9ms |',
        {
          a: 'open ann tab-hidden',
          b: 'open bob camera-off',
          c: 'ann tab-hidden 60s state',
          d: 'bob device-switch 0s instant',
          e: 'bob camera-off 88s leave',
        },
      );
    });
  });

  it('closes what is still open at the last event time when the source completes', () => {
    createTestScheduler().run(({ cold, expectObservable }) => {
      const source = cold('h 9ms |', inputs);
      expectObservable(source.pipe(distractionEpisodes(), map(describeUpdate))).toBe('a 9ms (b|)', {
        a: 'open ann tab-hidden',
        b: 'ann tab-hidden 0s session-end',
      });
    });
  });
});
