import { Inject, Injectable } from '@nestjs/common';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { IngestWriter } from '../storage/ingest-writer';

/**
 * Whether ingest may take more data now. Received data is acknowledged once it is queued for
 * the database; when the database falls behind (a slow disk, a lock, more clients than it can
 * write for), the queue would otherwise grow until memory runs out. So once the backlog passes
 * `ingest.maxBacklogBytes`, ingest holds until it has drained to half of that: the ingest
 * socket stops reading (TCP pushes back, and the collectors' bounded buffers take the wait)
 * and the HTTP batch endpoint answers 503 with a retry delay. The two marks keep it from
 * flapping on every batch.
 */
@Injectable()
export class IngestAdmission {
  private hold: Promise<void> | undefined;
  private holds = 0;
  private heldMs = 0;
  private holdingSince: number | undefined;

  constructor(
    private readonly writer: IngestWriter,
    @Inject(APP_CONFIG) private readonly config: Pick<AppConfig, 'ingest'>,
  ) {}

  /** Undefined while ingest may go on; otherwise resolves when it may. */
  waitForRoom(): Promise<void> | undefined {
    if (this.hold) return this.hold;
    const maxBacklogBytes = this.config.ingest.maxBacklogBytes;
    if (this.writer.pendingBytes() <= maxBacklogBytes) return undefined;
    this.holds += 1;
    this.holdingSince = Date.now();
    this.hold = this.writer.whenPendingBytesAtMost(maxBacklogBytes / 2).finally(() => {
      this.heldMs += Date.now() - (this.holdingSince ?? Date.now());
      this.holdingSince = undefined;
      this.hold = undefined;
    });
    return this.hold;
  }

  /** For operators: how often, and how long, ingest has held for the database since start-up. */
  counters(): { holding: boolean; holds: number; heldSeconds: number } {
    const current = this.holdingSince === undefined ? 0 : Date.now() - this.holdingSince;
    return { holding: this.hold !== undefined, holds: this.holds, heldSeconds: (this.heldMs + current) / 1000 };
  }
}
