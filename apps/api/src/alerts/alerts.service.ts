import { Inject, Injectable, Logger, OnApplicationBootstrap, OnModuleDestroy, OnModuleInit } from '@nestjs/common';
import { randomUUID } from 'node:crypto';
import {
  concatMap,
  filter,
  finalize,
  from,
  map,
  merge,
  of,
  Subject,
  Subscription,
  switchMap,
  takeUntil,
  type Observable,
} from 'rxjs';
import { notFound } from '../common/domain-error';
import { PipelineService } from '../pipeline/pipeline.service';
import { SessionEvents } from '../sessions/session-events';
import { AlertRepository, SessionReplayRepository, SessionRepository } from '../storage/repositories';
import { AlertSettingsService } from './alert-settings.service';
import type { AlertChangeEvent, AlertResponse } from './alerts.dto';
import { alertRow, mapAlert } from './alerts.mapper';
import type { AlertChange } from './rules/alert';
import { RuleEngine } from './rules/rule-engine';

/**
 * A step of one session's alerts (a snapshot, an acknowledgement, a snooze), run one at a time
 * so that stored alerts change in order; `done` hears the first stored change.
 */
interface SessionStep {
  run: (engine: RuleEngine) => AlertChange[];
  done?: (first: AlertChangeEvent | undefined) => void;
}

interface WatchedSession {
  steps: Subject<SessionStep>;
  engine: RuleEngine | undefined;
  /** Steps not run yet: answered with nothing if the session stops first. */
  waiting: Set<SessionStep>;
}

/**
 * The live alerts: for every live session, its snapshots go through a RuleEngine (rules/),
 * and every change is stored, then announced on `alerts$`. Facilitators' acknowledgements and
 * snoozes go through the same per-session queue as the snapshots.
 */
@Injectable()
export class AlertsService implements OnModuleInit, OnApplicationBootstrap, OnModuleDestroy {
  private readonly logger = new Logger(AlertsService.name);
  private readonly changes = new Subject<AlertChangeEvent>();
  private readonly sessions = new Map<string, WatchedSession>();
  private readonly stopping = new Subject<void>();
  private statusSubscription: Subscription | undefined;

  constructor(
    @Inject(PipelineService) private readonly pipeline: Pick<PipelineService, 'snapshots$'>,
    private readonly sessionEvents: SessionEvents,
    @Inject(AlertRepository)
    private readonly alerts: Pick<AlertRepository, 'save' | 'findById' | 'listBySession' | 'clearOpen'>,
    @Inject(SessionRepository) private readonly sessionRepository: Pick<SessionRepository, 'findById'>,
    @Inject(SessionReplayRepository) private readonly replay: Pick<SessionReplayRepository, 'liveSessionIds'>,
    @Inject(AlertSettingsService) private readonly settings: Pick<AlertSettingsService, 'forSession' | 'changes$'>,
  ) {}

  onModuleInit(): void {
    this.statusSubscription = this.sessionEvents.statusChanges$
      .pipe(filter((change) => change.status === 'live'))
      .subscribe((change) => this.watch(change.sessionId));
    this.statusSubscription.add(this.settings.changes$.subscribe(() => void this.applyNewThresholds()));
  }

  /** Sessions live when the process stopped are watched again (the pipeline resumes them too). */
  async onApplicationBootstrap(): Promise<void> {
    for (const sessionId of await this.replay.liveSessionIds()) this.watch(sessionId);
  }

  onModuleDestroy(): void {
    this.statusSubscription?.unsubscribe();
    this.stopping.next();
    this.changes.complete();
  }

  /** Every change to the session's alerts, after it is stored. */
  alerts$(sessionId: string): Observable<AlertChangeEvent> {
    return this.changes.pipe(filter((change) => change.alert.sessionId === sessionId));
  }

  /**
   * The session's alerts that have been shown (raised, whether still open, cleared,
   * acknowledged or snoozed; not queued or dropped unseen): now, and again after every change.
   */
  shownAlerts$(sessionId: string): Observable<AlertResponse[]> {
    return merge(of(undefined), this.alerts$(sessionId)).pipe(
      concatMap(() => this.alerts.listBySession(sessionId)),
      map((rows) => rows.filter((row) => row.raisedAt !== null).map(mapAlert)),
    );
  }

  async listAlerts(sessionId: string): Promise<AlertResponse[]> {
    if (!(await this.sessionRepository.findById(sessionId))) throw notFound('Session');
    return (await this.alerts.listBySession(sessionId)).map(mapAlert);
  }

  /** With `sessionId`, an alert of another session is not found (a facilitator acts on their own session only). */
  async acknowledge(alertId: string, sessionId?: string): Promise<AlertResponse> {
    return this.closeAlert(alertId, sessionId, (engine) => engine.acknowledge(alertId, engine.now ?? Date.now()), {
      kind: 'acknowledged',
      apply: (row, now) => ({ ...row, acknowledgedAt: row.acknowledgedAt ?? new Date(now) }),
    });
  }

  async snooze(alertId: string, minutes: number, sessionId?: string): Promise<AlertResponse> {
    return this.closeAlert(
      alertId,
      sessionId,
      (engine) => engine.snooze(alertId, (engine.now ?? Date.now()) + minutes * 60_000),
      {
        kind: 'snoozed',
        apply: (row, now) => ({ ...row, snoozedUntil: new Date(now + minutes * 60_000) }),
      },
    );
  }

  /**
   * An open alert is closed by its session's engine (so the cooldown or snooze applies); one
   * that already closed, or of a session no longer live, only has the time recorded.
   */
  private async closeAlert(
    alertId: string,
    sessionId: string | undefined,
    inEngine: (engine: RuleEngine) => AlertChange | undefined,
    closed: { kind: 'acknowledged' | 'snoozed'; apply: (row: AlertRowOf, now: number) => AlertRowOf },
  ): Promise<AlertResponse> {
    const stored = await this.alerts.findById(alertId);
    if (!stored || (sessionId !== undefined && stored.sessionId !== sessionId)) throw notFound('Alert');
    const watched = this.sessions.get(stored.sessionId);
    if (watched?.engine) {
      const change = await this.runStep(watched, (engine) => {
        const result = inEngine(engine);
        return result ? [result] : [];
      });
      if (change) return change.alert;
    }
    const updated = closed.apply(stored, watched?.engine?.now ?? Date.now());
    await this.alerts.save(updated);
    const response = mapAlert(updated);
    this.changes.next({ kind: closed.kind, alert: response });
    return response;
  }

  /** An organisation changed its thresholds: every watched session reloads its own. */
  private async applyNewThresholds(): Promise<void> {
    for (const [sessionId, watched] of this.sessions) {
      try {
        const thresholds = await this.settings.forSession(sessionId);
        await this.runStep(watched, (engine) => {
          engine.setThresholds(thresholds);
          return [];
        });
      } catch (error) {
        this.logger.error(`Session ${sessionId}: could not apply new alert settings (${describe(error)})`);
      }
    }
  }

  /**
   * Alerts still open from before (the process stopped mid-session, or the session ended) are
   * closed: a new engine knows nothing of them, and it raises again what still holds.
   */
  private async clearLeftOpen(sessionId: string, at: Date): Promise<void> {
    try {
      if ((await this.alerts.clearOpen(sessionId, at)) === 0) return;
      for (const row of await this.alerts.listBySession(sessionId)) {
        if (row.clearedAt?.getTime() === at.getTime()) this.changes.next({ kind: 'cleared', alert: mapAlert(row) });
      }
    } catch (error) {
      this.logger.error(`Session ${sessionId}: could not close its open alerts (${describe(error)})`);
    }
  }

  /** Runs a step in the session's queue; resolves with its first stored change, if any. */
  private runStep(watched: WatchedSession, run: SessionStep['run']): Promise<AlertChangeEvent | undefined> {
    return new Promise((done) => {
      const step: SessionStep = { run, done };
      watched.waiting.add(step);
      watched.steps.next(step);
    });
  }

  private watch(sessionId: string): void {
    if (this.sessions.has(sessionId)) return;
    const watched: WatchedSession = { steps: new Subject<SessionStep>(), engine: undefined, waiting: new Set() };
    this.sessions.set(sessionId, watched);
    const ended$ = merge(
      this.stopping,
      this.sessionEvents.statusChanges$.pipe(
        filter((change) => change.sessionId === sessionId && change.status === 'ended'),
      ),
    );
    const ended = this.sessionEvents.statusChanges$
      .pipe(filter((change) => change.sessionId === sessionId && change.status === 'ended'))
      .subscribe(() => void this.clearLeftOpen(sessionId, new Date()));
    from(this.clearLeftOpen(sessionId, new Date()).then(() => this.settings.forSession(sessionId)))
      .pipe(
        switchMap((thresholds) => {
          const engine = new RuleEngine({ sessionId, thresholds, newId: randomUUID });
          watched.engine = engine;
          const evaluations = this.pipeline
            .snapshots$(sessionId)
            .pipe(map((snapshot): SessionStep => ({ run: (sessionEngine) => sessionEngine.evaluate(snapshot) })));
          return merge(evaluations, watched.steps).pipe(
            concatMap(async (step) => {
              const first = await this.store(sessionId, step.run(engine));
              watched.waiting.delete(step);
              step.done?.(first);
            }),
          );
        }),
        takeUntil(ended$),
        finalize(() => {
          ended.unsubscribe();
          watched.engine = undefined;
          for (const step of watched.waiting) step.done?.(undefined);
          watched.waiting.clear();
        }),
      )
      .subscribe({
        error: (error: unknown) => {
          this.logger.error(`Session ${sessionId}: alerts stopped (${describe(error)})`);
          this.sessions.delete(sessionId);
        },
        complete: () => this.sessions.delete(sessionId),
      });
  }

  /** Stores the changes in order, then announces them; a failure is logged, and alerts go on. */
  private async store(sessionId: string, changes: AlertChange[]): Promise<AlertChangeEvent | undefined> {
    const events: AlertChangeEvent[] = [];
    for (const change of changes) {
      try {
        const row = alertRow(change.alert);
        await this.alerts.save(row);
        const event = { kind: change.kind, alert: mapAlert(row) };
        events.push(event);
        this.changes.next(event);
      } catch (error) {
        this.logger.error(`Session ${sessionId}: could not store alert ${change.alert.id} (${describe(error)})`);
      }
    }
    return events[0];
  }
}

type AlertRowOf = NonNullable<Awaited<ReturnType<AlertRepository['findById']>>>;

function describe(error: unknown): string {
  return error instanceof Error ? `${error.name}: ${error.message}` : String(error);
}
