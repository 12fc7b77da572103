import { Injectable, Logger } from '@nestjs/common';
import { SessionOutcomeRepository } from '../storage/repositories';
import type { SessionReport, SessionSnapshot } from './analyzer';

/**
 * Keeps what a session looked like when it ended: its last snapshot (the live view of a
 * finished session shows it) and its report. Written once per session end, outside the
 * batched results, and awaited on shutdown.
 */
@Injectable()
export class SessionOutcomeRecorder {
  private readonly logger = new Logger(SessionOutcomeRecorder.name);
  private readonly writing = new Set<Promise<void>>();

  constructor(private readonly outcomes: SessionOutcomeRepository) {}

  record(sessionId: string, finalSnapshot: SessionSnapshot | undefined, report: SessionReport | undefined): void {
    const write = this.outcomes
      .save({ sessionId, finalSnapshot: finalSnapshot ?? null, report: report ?? null, recordedAt: new Date() })
      .catch((error: unknown) =>
        this.logger.error(`Session ${sessionId}: its final state was not stored (${describe(error)})`),
      )
      .finally(() => this.writing.delete(write));
    this.writing.add(write);
  }

  /** The final snapshot of an ended session, if one was recorded. */
  async finalSnapshot(sessionId: string): Promise<SessionSnapshot | undefined> {
    await this.flush();
    const outcome = await this.outcomes.findBySession(sessionId);
    return (outcome?.finalSnapshot as SessionSnapshot | null | undefined) ?? undefined;
  }

  async flush(): Promise<void> {
    await Promise.all([...this.writing]);
  }
}

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
