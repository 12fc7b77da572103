/**
 * One participant's attendance and silence, from joins, leaves and closed substantive turns:
 * present seconds, joins, and the longest present time without a substantive turn (PRODUCT.md
 * "silence streak"; the speaking analyzer gives the current streak, this keeps its maximum).
 * A handful of numbers, whatever the session's length.
 */
export class PresenceTracker {
  firstJoinedAt: number | undefined;
  lastLeftAt: number | undefined;
  joins = 0;
  private presentSince: number | undefined;
  private presentMsBeforeThisStay = 0;
  /** Present time since the last substantive turn, from stays that have ended. */
  private silentMsBeforeThisStay = 0;
  private lastSpeechEnd: number | undefined;
  private maxSilenceMs = 0;

  get present(): boolean {
    return this.presentSince !== undefined;
  }

  join(at: number): void {
    if (this.presentSince !== undefined) return;
    this.presentSince = at;
    this.firstJoinedAt ??= at;
    this.joins += 1;
  }

  leave(at: number): void {
    if (this.presentSince === undefined) return;
    this.presentMsBeforeThisStay += Math.max(0, at - this.presentSince);
    this.silentMsBeforeThisStay = this.silenceUntil(at);
    this.maxSilenceMs = Math.max(this.maxSilenceMs, this.silentMsBeforeThisStay);
    this.presentSince = undefined;
    this.lastLeftAt = at;
  }

  /** A closed substantive turn ends the silence that preceded it. */
  substantiveTurn(start: number, end: number): void {
    this.maxSilenceMs = Math.max(this.maxSilenceMs, this.silenceUntil(start));
    this.lastSpeechEnd = Math.max(this.lastSpeechEnd ?? -Infinity, end);
    this.silentMsBeforeThisStay = 0;
  }

  presentSeconds(now: number): number {
    const thisStay = this.presentSince === undefined ? 0 : Math.max(0, now - this.presentSince);
    return (this.presentMsBeforeThisStay + thisStay) / 1000;
  }

  /** Whether the participant was present at some moment of [start, end). */
  presentDuring(start: number, end: number): boolean {
    if (this.presentSince !== undefined && this.presentSince < end) return true;
    return this.lastLeftAt !== undefined && this.lastLeftAt > start && (this.firstJoinedAt ?? Infinity) < end;
  }

  maxSilenceSeconds(now: number): number {
    return Math.max(this.maxSilenceMs, this.silenceUntil(now)) / 1000;
  }

  private silenceUntil(at: number): number {
    if (this.presentSince === undefined) return this.silentMsBeforeThisStay;
    const silentSince = Math.max(this.presentSince, this.lastSpeechEnd ?? -Infinity);
    return this.silentMsBeforeThisStay + Math.max(0, at - silentSince);
  }
}
