import type { CallQuality } from './metrics';
import type { ConnectivityThresholds } from './thresholds';

/** `unknown` (no MOS, loss or RTT at all) neither starts nor ends a bad streak. */
export type IntervalHealth = 'good' | 'bad' | 'unknown';

/** The degraded rule of PRODUCT.md applied to one span: MOS too low, or loss (either way) or RTT too high. */
export function intervalHealth(metrics: CallQuality, thresholds: ConnectivityThresholds): IntervalHealth {
  const { mos, packetLossPct, outboundPacketLossPct, rttMs } = metrics;
  const lossPct = Math.max(
    packetLossPct ?? Number.NEGATIVE_INFINITY,
    outboundPacketLossPct ?? Number.NEGATIVE_INFINITY,
  );
  const known = mos !== undefined || Number.isFinite(lossPct) || rttMs !== undefined;
  if (!known) return 'unknown';
  const bad =
    (mos !== undefined && mos < thresholds.degradedMosBelow) ||
    lossPct > thresholds.degradedPacketLossPctAbove ||
    (rttMs !== undefined && rttMs > thresholds.degradedRttMsAbove);
  return bad ? 'bad' : 'good';
}
