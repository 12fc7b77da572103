/** Words and numbers as the facilitator reads them: plain, rounded, observations not labels. */

export function duration(seconds: number): string {
  if (!Number.isFinite(seconds) || seconds < 0) return '–';
  if (seconds < 60) return `${Math.round(seconds)} s`;
  const minutes = Math.floor(seconds / 60);
  if (minutes < 60) return `${minutes} min`;
  return `${Math.floor(minutes / 60)} h ${minutes % 60} min`;
}

export function percent(share: number | null | undefined): string {
  return share === null || share === undefined ? '–' : `${Math.round(share * 100)} %`;
}

export function mos(value: number | null | undefined): string {
  return value === null || value === undefined ? '–' : value.toFixed(1);
}

export function clockTime(epochMs: number): string {
  return new Date(epochMs).toLocaleTimeString([], { hour: '2-digit', minute: '2-digit', second: '2-digit' });
}

export function codeLabel(code: string): string {
  return code.replace(/-/g, ' ');
}

/** Connection states as words; the colour only repeats what the word says. */
export const CONNECTION_WORDS: Record<string, string> = {
  connected: 'Connected',
  degraded: 'Poor connection',
  reconnecting: 'Reconnecting',
  disconnected: 'Disconnected',
  left: 'Left',
};

/** Ongoing observations shown as badges, with what they say. */
export const OBSERVATION_WORDS: Record<string, string> = {
  'tab-hidden': 'Hidden tab',
  'window-blur': 'Other window',
  'camera-off': 'Camera off',
  'mic-muted': 'Muted',
  'talk-while-muted': 'Talking while muted',
  'background-noise': 'Noise',
  'privacy-pause': 'Privacy pause',
  'throttled-stats-gap': 'Stats paused',
};
