import type { LeaveMessage, Message } from '@attune/protocol';
import type { StateEvent } from './state-events';

/**
 * Which of a participant's peer connections are still carrying them, so that an import can tell a
 * hang-up from a drop. Recorders log `close` when the app closes a connection; when the last live
 * connection is closed and nothing reopens one, the member hung up — the collector would have sent
 * `leave` (reason hangup) just before closing, and without it the pipeline counts a drop.
 */
export class PeerConnectionLifecycle {
  private readonly live = new Set<string>();
  private readonly failed = new Set<string>();
  private readonly closed = new Set<string>();
  private lastClose?: { at: number; closingMessage?: Message };

  /** The connection exists (created, or seen carrying stats or events). */
  seen(peerConnectionId: string): void {
    if (!this.closed.has(peerConnectionId) && !this.failed.has(peerConnectionId)) this.live.add(peerConnectionId);
  }

  /** Follows a state event: a failed connection no longer carries the member, though the app may never close it. */
  stateChanged(event: StateEvent, closingMessage?: Message): void {
    const id = event.peerConnectionId;
    if (id === undefined) return;
    if (event.state === 'failed') {
      this.failed.add(id);
      this.live.delete(id);
    } else if (event.state === 'connected' || event.state === 'completed') {
      this.failed.delete(id);
      this.seen(id);
    } else if (event.state === 'closed') {
      this.close(id, event.at, closingMessage);
    }
  }

  /** `closingMessage` is the message that records the close; the leave must come before it. */
  close(peerConnectionId: string, at: number, closingMessage?: Message): void {
    this.live.delete(peerConnectionId);
    this.closed.add(peerConnectionId);
    if (this.lastClose === undefined || at >= this.lastClose.at) this.lastClose = { at, closingMessage };
  }

  /**
   * The leave a hang-up implies, and the message it must precede, when the recording ends with
   * every connection closed or failed after at least one deliberate close.
   */
  hangup(): { leave: LeaveMessage; before?: Message } | undefined {
    if (this.lastClose === undefined || this.live.size > 0) return undefined;
    return { leave: { kind: 'leave', at: this.lastClose.at, reason: 'hangup' }, before: this.lastClose.closingMessage };
  }
}
