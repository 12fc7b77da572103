/** Every connectivity threshold is configuration; the defaults are PRODUCT.md's. */
export interface ConnectivityThresholds {
  /** An interval is bad when its MOS is below this… */
  readonly degradedMosBelow: number;
  /** …or packet loss (inbound or outbound, %) is above this… */
  readonly degradedPacketLossPctAbove: number;
  /** …or the round-trip time (ms; RTCP when known, else ICE) is above this. */
  readonly degradedRttMsAbove: number;
  /** Bad for this long (continuously) turns `connected` into `degraded`. */
  readonly degradedAfterSeconds: number;
  /** Hysteresis: good for this long before `degraded` or `reconnecting` recovers. */
  readonly recoverAfterSeconds: number;
  /** No stats report for this long: `reconnecting`. Scale with the polling period. */
  readonly reconnectingAfterNoReportSeconds: number;
  /** No stats report for this long: `disconnected`. */
  readonly disconnectedAfterNoReportSeconds: number;
  /** Live window length. */
  readonly windowSeconds: number;
  /** How long a window waits (in event time) for late inputs before it is emitted. */
  readonly allowedLatenessSeconds: number;
}

export const DEFAULT_CONNECTIVITY_THRESHOLDS: ConnectivityThresholds = {
  degradedMosBelow: 3.5,
  degradedPacketLossPctAbove: 5,
  degradedRttMsAbove: 400,
  degradedAfterSeconds: 10,
  recoverAfterSeconds: 10,
  reconnectingAfterNoReportSeconds: 5,
  disconnectedAfterNoReportSeconds: 15,
  windowSeconds: 10,
  allowedLatenessSeconds: 5,
};
