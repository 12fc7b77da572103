import { detectPlatform, domPageSignals, sessionStorageIfAvailable } from './browser/page-signals';
import { webAudioLevelMeter } from './browser/web-audio-level-meter';
import { Monitor, type MonitorOptions } from './core/monitor';

/**
 * The browser entry, served by the api at /collector.js:
 *   import * as attune from 'https://attune.example.org/collector.js';
 *   const monitor = attune.monitor({ endpoint, sessionId, participantId, token });
 * Browser defaults (Web Audio VAD, page signals, sessionStorage for seqs, pagehide beacon) are
 * filled in here; anything passed in options wins.
 */
export function monitor(options: MonitorOptions): Monitor {
  const instance = new Monitor({
    storage: sessionStorageIfAvailable(),
    levelMeter: webAudioLevelMeter,
    pageSignals: domPageSignals(),
    platform: detectPlatform(),
    ...options,
  });
  // pagehide fires on close, navigation and bfcache entry; unload is unreliable on mobile.
  globalThis.addEventListener?.('pagehide', () => instance.pageClosed(), { once: true });
  return instance;
}

export { Monitor, statsObjectsOf, type MonitorOptions, type MonitorStatus } from './core/monitor';
export type {
  FetchLike,
  LevelMeterFactory,
  MediaTrackLike,
  PageSignals,
  PeerConnectionLike,
  WebSocketConstructor,
} from './core/platform';
export { filterStats } from './stats/stats-filter';
export { VoiceActivityDetector, VAD_DEFAULTS, type Utterance } from './vad/voice-activity-detector';
export { COLLECTOR_VERSION } from './version';
