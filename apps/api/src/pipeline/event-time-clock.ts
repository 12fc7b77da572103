import { MAX_CLOCK_JUMP_MS } from '@attune/metrics';

/**
 * A session's clock in event time, for live snapshots: the latest event time seen plus the
 * processing time elapsed since it arrived (as withEventTimeTicks does for one participant).
 * The server's own clock never stands in for event time, so client clock offsets do not
 * matter; the estimate only moves forward. A message from behind the estimate does not pull
 * it back; one ahead re-anchors it, unless it jumps implausibly far (a corrupt timestamp).
 */
export class EventTimeClock {
  private anchor: { readonly eventAt: number; readonly arrivedAt: number } | undefined;

  /** `arrivedAt` is processing time (the scheduler's now, or a stored row's received_at). */
  observe(eventAt: number, arrivedAt: number): void {
    if (!Number.isFinite(eventAt)) return;
    const current = this.estimate(arrivedAt);
    if (current === undefined) {
      this.anchor = { eventAt, arrivedAt };
    } else if (eventAt >= current && eventAt - current <= MAX_CLOCK_JUMP_MS) {
      this.anchor = { eventAt, arrivedAt };
    }
  }

  /** Undefined until the session has data. */
  estimate(now: number): number | undefined {
    if (this.anchor === undefined) return undefined;
    return this.anchor.eventAt + Math.max(0, now - this.anchor.arrivedAt);
  }
}
