import {
  BeforeApplicationShutdown,
  Inject,
  Injectable,
  Logger,
  OnApplicationBootstrap,
  OnModuleInit,
} from '@nestjs/common';
import {
  asyncScheduler,
  catchError,
  EMPTY,
  filter,
  map,
  merge,
  of,
  pipe,
  Subject,
  type Observable,
  type SchedulerLike,
  type Subscription,
} from 'rxjs';
import { DomainError } from '../common/domain-error';
import { IngestBus, type IngestedEnvelope } from '../ingest/ingest-bus';
import { ParticipantRegistry } from '../ingest/participant-registry';
import { SessionEvents } from '../sessions/session-events';
import type { SessionSnapshot } from './analyzer';
import { PIPELINE_SETTINGS, type PipelineSettings } from './pipeline-settings';
import { ResultsWriter } from './results-writer';
import { SessionOutcomeRecorder } from './session-outcome-recorder';
import { routeSessions } from './route-sessions';
import { runSession } from './run-session';
import type { SessionFailureLog } from './live-session';
import type { SessionCommand } from './session-commands';
import { envelopeCommand, type SessionRole } from './session-inputs';
import type { SessionOutput } from './session-output';
import { SessionRebuilder } from './session-rebuilder';
import { SnapshotStore } from './snapshot-store';
import { SnapshotTimeliness, type SnapshotLateness } from './snapshot-timeliness';
import { firstTickAfterMs } from './tick-phase';

export const PIPELINE_SCHEDULER = Symbol('PIPELINE_SCHEDULER');

/**
 * The live pipeline: every envelope ingest accepts goes to its session's graph (see
 * routeSessions and runSession); each live session yields a snapshot a second, published here
 * for the dashboard (the SnapshotStore), and final results, which the ResultsWriter stores.
 */
@Injectable()
export class PipelineService implements OnModuleInit, OnApplicationBootstrap, BeforeApplicationShutdown {
  private readonly logger = new Logger(PipelineService.name);
  private readonly store = new SnapshotStore();
  private readonly starts = new Subject<SessionCommand>();
  private readonly timeliness: SnapshotTimeliness;
  private subscription: Subscription | undefined;

  constructor(
    private readonly bus: IngestBus,
    private readonly sessionEvents: SessionEvents,
    private readonly registry: ParticipantRegistry,
    private readonly rebuilder: SessionRebuilder,
    private readonly writer: ResultsWriter,
    private readonly outcomes: SessionOutcomeRecorder,
    @Inject(PIPELINE_SETTINGS) private readonly settings: PipelineSettings,
    @Inject(PIPELINE_SCHEDULER) private readonly scheduler: SchedulerLike = asyncScheduler,
  ) {
    this.timeliness = new SnapshotTimeliness(settings.snapshotPeriodMs, scheduler.now());
  }

  /** Before the server listens: everything stored until now is replayed, everything later arrives live. */
  async onModuleInit(): Promise<void> {
    await this.rebuilder.markStartup();
    const commands$ = merge(
      this.bus.envelopes$.pipe(map((envelope) => envelopeCommand(envelope, this.roleOf(envelope)))),
      this.sessionEvents.statusChanges$.pipe(
        filter((change) => change.status === 'ended'),
        map((change): SessionCommand => ({ kind: 'end', sessionId: change.sessionId })),
      ),
      this.starts,
    );
    this.subscription = commands$
      .pipe(routeSessions((sessionId) => this.sessionGraph(sessionId)))
      .subscribe((output) => this.handle(output));
  }

  /** Sessions live when the process stopped resume now, not at their next message. */
  async onApplicationBootstrap(): Promise<void> {
    for (const sessionId of await this.rebuilder.liveSessionIds()) this.starts.next({ kind: 'start', sessionId });
  }

  /**
   * Stops the graphs without finishing their sessions (they are still live; the next start
   * rebuilds them), then writes the results that are final.
   */
  async beforeApplicationShutdown(): Promise<void> {
    this.subscription?.unsubscribe();
    this.subscription = undefined;
    await this.writer.flushForShutdown();
    await this.outcomes.flush();
  }

  /** The latest snapshot of a live session. */
  latestSnapshot(sessionId: string): SessionSnapshot {
    const snapshot = this.store.latest(sessionId);
    if (!snapshot) {
      throw new DomainError(
        'not-found',
        'This session has no snapshot yet: snapshots start with its first data and stop when it ends',
      );
    }
    return snapshot;
  }

  /** The last snapshot of an ended session, as it was when it ended; undefined when it had no data. */
  finalSnapshot(sessionId: string): Promise<SessionSnapshot | undefined> {
    return this.outcomes.finalSnapshot(sessionId);
  }

  /** The latest snapshot (if any), then one a second; completes when the session ends. */
  snapshots$(sessionId: string): Observable<SessionSnapshot> {
    return this.store.snapshots$(sessionId);
  }

  /** For operators: how many sessions have a live view, and how late its snapshots came in the last minute. */
  liveViewHealth(): { liveSessions: number; snapshotLateness: SnapshotLateness } {
    return { liveSessions: this.store.size, snapshotLateness: this.timeliness.summary(this.scheduler.now()) };
  }

  private sessionGraph(sessionId: string) {
    const logFailure: SessionFailureLog = (id, step, error) =>
      this.logger.error(`Session ${id}: the analyzer failed at ${step}: ${describe(error)}`);
    return pipe(
      runSession(sessionId, {
        start: (id) =>
          this.rebuilder.start(id, logFailure).pipe(
            catchError((error: unknown) => {
              // Live data must keep flowing: start afresh, knowing the figures miss what came before.
              this.logger.error(
                `Session ${id}: could not rebuild from stored data (${describe(error)}); starting afresh`,
              );
              return of({ kind: 'ready' as const, session: this.rebuilder.fresh(id, logFailure) });
            }),
          ),
        snapshotPeriodMs: this.settings.snapshotPeriodMs,
        firstTickAfterMs: firstTickAfterMs(sessionId, this.settings.snapshotPeriodMs),
        scheduler: this.scheduler,
      }),
      catchError((error: unknown) => {
        this.logger.error(`Session ${sessionId}: its pipeline stopped (${describe(error)})`);
        return EMPTY;
      }),
    );
  }

  private handle(output: SessionOutput): void {
    switch (output.kind) {
      case 'snapshot':
        this.timeliness.published(output.snapshot.sessionId, this.scheduler.now());
        this.store.publish(output.snapshot, output.source);
        return;
      case 'results':
        this.writer.enqueue(output.sessionId, output.results);
        return;
      case 'ended':
        this.outcomes.record(output.sessionId, output.lastSnapshot, output.report);
        this.store.release(output.sessionId);
        this.timeliness.ended(output.sessionId);
        return;
    }
  }

  /** Ingest has just accepted the envelope, so its registry knows the participant. */
  private roleOf(envelope: IngestedEnvelope): SessionRole {
    const participant = this.registry.get(envelope.header.participantId);
    if (participant && !(participant instanceof Promise)) return participant.role;
    this.logger.warn(`Participant ${envelope.header.participantId} was not in ingest's registry; taken as a member`);
    return 'member';
  }
}

/** The error's kind and message: analyzer and database errors carry no participant data. */
function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
