import {
  activeStateEpisodes,
  INITIAL_ATTENTION_STATE,
  nextAttentionState,
  type AttentionState,
} from './attention-state';
import type { DistractionInput } from './types';

const state = (fields: Partial<AttentionState>): AttentionState => ({ ...INITIAL_ATTENTION_STATE, ...fields });

describe(activeStateEpisodes.name, () => {
  it.each([
    ['a fresh join', {}, []],
    ['hidden tab (also blurred): one observation', { hidden: true, blurred: true }, ['tab-hidden']],
    ['blurred but visible window', { blurred: true }, ['window-blur']],
    ['camera off', { cameraOff: true }, ['camera-off']],
    ['mic muted', { micOff: true }, ['mic-muted']],
    [
      'talking while muted (device report)',
      { micOff: true, talkWhileMutedReported: true },
      ['mic-muted', 'talk-while-muted'],
    ],
    [
      'talking while muted (VAD on the muted mic)',
      { micOff: true, voiceActive: true },
      ['mic-muted', 'talk-while-muted'],
    ],
    ['talking with the mic on is just talking', { voiceActive: true }, []],
    [
      'a privacy pause covers its own mute and camera-off, and talking during it',
      { privacyPaused: true, micOff: true, cameraOff: true, voiceActive: true },
      ['privacy-pause'],
    ],
  ])('%s → %j', (_label, fields, expected) => {
    expect([...activeStateEpisodes(state(fields))].sort()).toEqual([...expected].sort());
  });
});

describe(nextAttentionState.name, () => {
  const at = 0;
  const participantId = 'ann';
  it.each<[DistractionInput, Partial<AttentionState>]>([
    [{ type: 'visibility', participantId, at, state: 'hidden' }, { hidden: true }],
    [{ type: 'focus', participantId, at, state: 'blurred' }, { blurred: true }],
    [{ type: 'mic', participantId, at, state: 'off' }, { micOff: true }],
    [{ type: 'camera', participantId, at, state: 'off' }, { cameraOff: true }],
    [{ type: 'privacy-pause', participantId, at, state: 'on' }, { privacyPaused: true }],
    [{ type: 'talk-while-muted', participantId, at, state: 'start' }, { talkWhileMutedReported: true }],
    [{ type: 'voice-activity', participantId, at, state: 'speech' }, { voiceActive: true }],
    [{ type: 'stats-report', participantId, at }, {}],
  ])('%j sets %j', (event, expected) => {
    expect(nextAttentionState(INITIAL_ATTENTION_STATE, event)).toEqual(state(expected));
  });
});
