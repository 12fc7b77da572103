import type { MediaTrackLike } from './platform';

export type DeviceState = 'on' | 'off';

/**
 * A local track's on/off state as the member experiences it: off when the app disabled it
 * (the usual mute button), when its source stopped delivering (`muted`), or when it ended.
 */
export function trackState(track: MediaTrackLike | undefined): DeviceState {
  if (!track) return 'off';
  return track.enabled && track.muted !== true && track.readyState !== 'ended' ? 'on' : 'off';
}

const TRACK_EVENTS = ['mute', 'unmute', 'ended'] as const;

/**
 * One local track (microphone or camera) and the last state reported for it. `enabled` has
 * no event, so the owner also calls check() on every poll.
 */
export class WatchedTrack {
  private lastReported: DeviceState | undefined;
  private readonly listener = () => this.check();

  constructor(
    readonly track: MediaTrackLike,
    private readonly report: (state: DeviceState) => void,
    private readonly isCollecting: () => boolean,
  ) {
    for (const type of TRACK_EVENTS) track.addEventListener?.(type, this.listener);
  }

  /** Reports the state when it differs from the last one reported. */
  check(): void {
    if (!this.isCollecting()) return;
    const state = trackState(this.track);
    if (state === this.lastReported) return;
    this.lastReported = state;
    this.report(state);
  }

  /** The track is replaced or dropped: a track that was on is now off. */
  release(): void {
    for (const type of TRACK_EVENTS) this.track.removeEventListener?.(type, this.listener);
    if (this.lastReported === 'on' && this.isCollecting()) this.report('off');
  }
}
