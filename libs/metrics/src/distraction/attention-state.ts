import type { DistractionInput } from './types';

/** The episode types that follow from a member's client state (as opposed to instants and detections). */
export const STATE_EPISODE_TYPES = [
  'tab-hidden',
  'window-blur',
  'camera-off',
  'mic-muted',
  'privacy-pause',
  'talk-while-muted',
] as const;

export type StateEpisodeType = (typeof STATE_EPISODE_TYPES)[number];

/** What the member's device last told us. A fresh join is visible, focused, mic and camera on. */
export interface AttentionState {
  hidden: boolean;
  blurred: boolean;
  micOff: boolean;
  cameraOff: boolean;
  privacyPaused: boolean;
  talkWhileMutedReported: boolean;
  voiceActive: boolean;
}

export const INITIAL_ATTENTION_STATE: Readonly<AttentionState> = Object.freeze({
  hidden: false,
  blurred: false,
  micOff: false,
  cameraOff: false,
  privacyPaused: false,
  talkWhileMutedReported: false,
  voiceActive: false,
});

/** The state after a client event; events that do not change client state leave it as it is. */
export function nextAttentionState(state: AttentionState, event: DistractionInput): AttentionState {
  switch (event.type) {
    case 'visibility':
      return { ...state, hidden: event.state === 'hidden' };
    case 'focus':
      return { ...state, blurred: event.state === 'blurred' };
    case 'mic':
      return { ...state, micOff: event.state === 'off' };
    case 'camera':
      return { ...state, cameraOff: event.state === 'off' };
    case 'privacy-pause':
      return { ...state, privacyPaused: event.state === 'on' };
    case 'talk-while-muted':
      return { ...state, talkWhileMutedReported: event.state === 'start' };
    case 'voice-activity':
      return { ...state, voiceActive: event.state === 'speech' };
    case 'device-change':
    case 'facilitator-event':
    case 'join':
    case 'leave':
    case 'session-end':
    case 'stats-report':
    case 'utterance':
      return state;
  }
}

/**
 * Which state episodes are going on. The rules that are not obvious:
 * - window blur counts only while the tab is visible: hiding a tab also blurs it, and that is
 *   one observation, not two;
 * - during a privacy pause the mute and camera-off it causes are part of the pause, not
 *   separate episodes (a member using their right to pause must not raise a camera-off alert);
 * - talk while muted: the device reported it, or its VAD hears speech on the muted mic —
 *   except during a privacy pause, when talking to someone in the room is the point.
 */
export function activeStateEpisodes(state: AttentionState): ReadonlySet<StateEpisodeType> {
  const active = new Set<StateEpisodeType>();
  if (state.hidden) active.add('tab-hidden');
  if (state.blurred && !state.hidden) active.add('window-blur');
  if (state.privacyPaused) active.add('privacy-pause');
  if (state.cameraOff && !state.privacyPaused) active.add('camera-off');
  if (state.micOff && !state.privacyPaused) {
    active.add('mic-muted');
    if (state.talkWhileMutedReported || state.voiceActive) active.add('talk-while-muted');
  }
  return active;
}
