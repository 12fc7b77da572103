import type { ConnectivityWindow } from '../connectivity';
import type { DistractionEpisodeType } from '../distraction';
import { WINDOW_OBSERVATION_SECONDS } from './observation-log';

export type WindowMetrics = Record<string, number | string | boolean | null>;

/** Connectivity keys of a participant window; all null for a participant without stats. */
const CONNECTIVITY_KEYS = [
  'state',
  'worstState',
  'connectedSeconds',
  'degradedSeconds',
  'reconnectingSeconds',
  'disconnectedSeconds',
  'drops',
  'reconnects',
  'rejoins',
  'iceFailures',
  'packetLossPct',
  'audioPacketLossPct',
  'outboundPacketLossPct',
  'rttMs',
  'rttSource',
  'iceRttMs',
  'rtcpRttMs',
  'jitterMs',
  'jitterBufferDelayMs',
  'mos',
  'concealmentPct',
  'bitrateInKbps',
  'bitrateOutKbps',
  'videoFpsIn',
  'videoFpsOut',
  'freezeCount',
  'freezeSeconds',
] as const;

/** A connectivity window as flat metrics (unknown values are null, never 0). */
export function connectivityWindowMetrics(window: ConnectivityWindow | undefined): WindowMetrics {
  if (!window) return Object.fromEntries(CONNECTIVITY_KEYS.map((key) => [key, null]));
  const { metrics, secondsByState } = window;
  const orNull = <Value>(value: Value | undefined): Value | null => (value === undefined ? null : value);
  return {
    state: window.state,
    worstState: window.worstState,
    connectedSeconds: secondsByState.connected,
    degradedSeconds: secondsByState.degraded,
    reconnectingSeconds: secondsByState.reconnecting,
    disconnectedSeconds: secondsByState.disconnected,
    drops: window.drops,
    reconnects: window.reconnects,
    rejoins: window.rejoins,
    iceFailures: window.iceFailures,
    packetLossPct: orNull(metrics.packetLossPct),
    audioPacketLossPct: orNull(metrics.audioPacketLossPct),
    outboundPacketLossPct: orNull(metrics.outboundPacketLossPct),
    rttMs: orNull(metrics.rttMs),
    rttSource: orNull(metrics.rttSource),
    iceRttMs: orNull(metrics.iceRttMs),
    rtcpRttMs: orNull(metrics.rtcpRttMs),
    jitterMs: orNull(metrics.jitterMs),
    jitterBufferDelayMs: orNull(metrics.jitterBufferDelayMs),
    mos: orNull(metrics.mos),
    concealmentPct: orNull(metrics.concealmentPct),
    bitrateInKbps: orNull(metrics.bitrateInKbps),
    bitrateOutKbps: orNull(metrics.bitrateOutKbps),
    videoFpsIn: orNull(metrics.videoFpsIn),
    videoFpsOut: orNull(metrics.videoFpsOut),
    freezeCount: metrics.freezeCount,
    freezeSeconds: metrics.freezeSeconds,
  };
}

/** Seconds per observation type in the window, and the types seen in it ("tab-hidden,mic-muted"). */
export function observationMetrics(seconds: ReadonlyMap<DistractionEpisodeType, number>): WindowMetrics {
  const metrics: WindowMetrics = {};
  for (const [type, key] of WINDOW_OBSERVATION_SECONDS) metrics[key] = seconds.get(type) ?? 0;
  metrics.observations = [...seconds.keys()].sort().join(',');
  return metrics;
}
