import { Inject, Injectable } from '@nestjs/common';
import { from, type Observable } from 'rxjs';
import {
  ParticipantRepository,
  SessionReplayRepository,
  SessionRepository,
  type ReplayCutoff,
  type ReplayPosition,
} from '../storage/repositories';
import { SESSION_ANALYZER_FACTORY, type SessionAnalyzerFactory } from './analyzer';
import { LiveSession, type SessionFailureLog } from './live-session';
import { PIPELINE_SETTINGS, type PipelineSettings } from './pipeline-settings';
import type { SessionStart } from './run-session';
import { storedRowCommand, type SessionRole } from './session-inputs';
import { Semaphore } from './semaphore';

/**
 * Starts a session's live state when the pipeline first sees the session after start-up.
 * Whatever was stored before start-up (the process restarted mid-session) is replayed in
 * event-time order, page by page, through a fresh analyzer, which then continues live. The
 * replay rewrites results that were already stored; they are upserts, so nothing is counted
 * twice. Data received after start-up is not replayed: it reaches the pipeline live.
 */
@Injectable()
export class SessionRebuilder {
  private cutoff: ReplayCutoff | undefined;
  private readonly replays: Semaphore;

  constructor(
    @Inject(SessionReplayRepository)
    private readonly replay: Pick<SessionReplayRepository, 'cutoff' | 'liveSessionIds' | 'readPage'>,
    @Inject(SessionRepository) private readonly sessions: Pick<SessionRepository, 'findById'>,
    @Inject(ParticipantRepository) private readonly participants: Pick<ParticipantRepository, 'listBySession'>,
    @Inject(SESSION_ANALYZER_FACTORY) private readonly createAnalyzer: SessionAnalyzerFactory,
    @Inject(PIPELINE_SETTINGS) private readonly settings: PipelineSettings,
  ) {
    this.replays = new Semaphore(settings.replayConcurrency);
  }

  /** Call before ingest accepts anything: rows stored after this are the pipeline's live input. */
  async markStartup(): Promise<void> {
    this.cutoff = await this.replay.cutoff();
  }

  liveSessionIds(): Promise<string[]> {
    return this.replay.liveSessionIds();
  }

  /** A session that starts from nothing (tests, or when a rebuild failed). */
  fresh(sessionId: string, logFailure: SessionFailureLog): LiveSession {
    return new LiveSession(sessionId, this.newAnalyzer(sessionId), logFailure, this.settings.latenessMs);
  }

  start(sessionId: string, logFailure: SessionFailureLog): Observable<SessionStart> {
    return from(this.replay$(sessionId, logFailure));
  }

  private async *replay$(sessionId: string, logFailure: SessionFailureLog): AsyncGenerator<SessionStart> {
    const cutoff = this.cutoff;
    if (cutoff === undefined) throw new Error('SessionRebuilder.markStartup() must run before sessions start');
    const session = await this.sessions.findById(sessionId);
    if (!session || session.status === 'ended') {
      yield { kind: 'gone' };
      return;
    }
    const roles = new Map<string, SessionRole>(
      (await this.participants.listBySession(sessionId)).map((participant) => [participant.id, participant.role]),
    );
    const roleOf = (participantId: string): SessionRole => roles.get(participantId) ?? 'member';
    const live = this.fresh(sessionId, logFailure);

    const release = await this.replays.acquire();
    try {
      let after: ReplayPosition | undefined;
      let latestEventAt = Number.NEGATIVE_INFINITY;
      let latestReceivedAt = Number.NEGATIVE_INFINITY;
      for (;;) {
        const rows = await this.replay.readPage(sessionId, cutoff, after, this.settings.replayPageRows);
        for (const row of rows) {
          const command = storedRowCommand(sessionId, row, roleOf);
          // Utterance rows keep no arrival time: the latest one seen stands in for it.
          const receivedAt = row.table === 'utterance' ? latestReceivedAt : row.receivedAt;
          latestReceivedAt = Math.max(latestReceivedAt, receivedAt);
          if (command) live.replay(command, Number.isFinite(receivedAt) ? receivedAt : row.at);
          latestEventAt = Math.max(latestEventAt, row.at);
        }
        // As live, the watermark follows the data, so the analyzer's buffers stay small.
        if (rows.length > 0) {
          const results = live.advanceTo(latestEventAt);
          if (results) yield { kind: 'results', results };
        }
        if (rows.length < this.settings.replayPageRows) break;
        after = rows[rows.length - 1].position;
      }
    } finally {
      release();
    }
    yield { kind: 'ready', session: live };
  }

  private newAnalyzer(sessionId: string) {
    return this.createAnalyzer({
      sessionId,
      latenessMs: this.settings.latenessMs,
      windowSeconds: this.settings.windowSeconds,
    });
  }
}
