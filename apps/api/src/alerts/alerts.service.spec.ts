import type { SessionSnapshot } from '@attune/metrics';
import { firstValueFrom, Subject, take, toArray } from 'rxjs';
import { DomainError } from '../common/domain-error';
import { SessionEvents } from '../sessions/session-events';
import type { AlertRow } from '../storage/repositories';
import type { AlertChangeEvent } from './alerts.dto';
import { AlertsService } from './alerts.service';
import { DEFAULT_ALERT_THRESHOLDS } from './rules/alert-thresholds';
import { snapshotAt } from './rules/testing/snapshots';

const SESSION_ID = '00000000-0000-4000-8000-000000000001';
const T0 = Date.UTC(2026, 2, 3, 18, 0, 0);
const t = (second: number) => T0 + second * 1000;

/** Alerts kept in memory, as the repository would store them. */
class InMemoryAlerts {
  readonly rows = new Map<string, AlertRow>();
  async save(row: AlertRow): Promise<void> {
    this.rows.set(row.id, { ...row });
  }
  async findById(id: string): Promise<AlertRow | null> {
    return this.rows.get(id) ?? null;
  }
  async listBySession(sessionId: string): Promise<AlertRow[]> {
    return [...this.rows.values()].filter((row) => row.sessionId === sessionId);
  }
  async clearOpen(sessionId: string, at: Date): Promise<number> {
    const open = (await this.listBySession(sessionId)).filter((row) => row.clearedAt === null);
    for (const row of open) this.rows.set(row.id, { ...row, clearedAt: at });
    return open.length;
  }
}

/** The pipeline's snapshot streams, driven by the test. */
class FakePipeline {
  readonly streams = new Map<string, Subject<SessionSnapshot>>();
  snapshots$(sessionId: string) {
    const stream = this.streams.get(sessionId) ?? new Subject<SessionSnapshot>();
    this.streams.set(sessionId, stream);
    return stream.asObservable();
  }
}

/** m1 disconnected from second 10; m2 fine. */
const disconnectedAt = (second: number) =>
  snapshotAt(
    t(second),
    [
      { id: 'm1', state: 'disconnected', stateSince: t(10) },
      { id: 'm2', rollingTalkSeconds: 30 },
    ],
    SESSION_ID,
  );

describe(AlertsService.name, () => {
  let sut: AlertsService;
  let events: SessionEvents;
  let pipeline: FakePipeline;
  let alerts: InMemoryAlerts;
  let thresholds: typeof DEFAULT_ALERT_THRESHOLDS;
  let settingsChanges: Subject<string>;

  beforeEach(() => {
    thresholds = { ...DEFAULT_ALERT_THRESHOLDS };
    settingsChanges = new Subject<string>();
    events = new SessionEvents();
    pipeline = new FakePipeline();
    alerts = new InMemoryAlerts();
    sut = new AlertsService(
      pipeline,
      events,
      alerts,
      { findById: async () => null },
      { liveSessionIds: async () => [] },
      { forSession: async () => ({ ...thresholds }), changes$: settingsChanges },
    );
    sut.onModuleInit();
  });

  afterEach(() => sut.onModuleDestroy());

  /** Starts the session and waits until its snapshots are watched. */
  async function goLive(): Promise<Subject<SessionSnapshot>> {
    events.publish({ sessionId: SESSION_ID, status: 'live' });
    for (let attempt = 0; attempt < 50 && !pipeline.streams.has(SESSION_ID); attempt++) await flush();
    return pipeline.streams.get(SESSION_ID)!;
  }

  it('watches a session once it is live: raises, stores, then announces its alerts', async () => {
    const snapshots = await goLive();
    const announced = firstValueFrom(sut.alerts$(SESSION_ID).pipe(take(1), toArray()));
    for (let second = 10; second <= 25; second++) snapshots.next(disconnectedAt(second));
    const [change] = await announced;
    expect(change).toMatchObject({
      kind: 'raised',
      alert: { participantId: 'm1', rule: 'disconnected', status: 'raised', raisedAt: new Date(t(25)).toISOString() },
    });
    expect(alerts.rows.get(change.alert.id)?.raisedAt).toEqual(new Date(t(25)));
  });

  it('acknowledges through the engine, on event time, and starts the cooldown', async () => {
    const snapshots = await goLive();
    const raised = firstValueFrom(sut.alerts$(SESSION_ID));
    for (let second = 10; second <= 25; second++) snapshots.next(disconnectedAt(second));
    const { alert } = await raised;

    const acknowledged = await sut.acknowledge(alert.id, SESSION_ID);
    expect(acknowledged).toMatchObject({
      id: alert.id,
      status: 'acknowledged',
      acknowledgedAt: new Date(t(25)).toISOString(),
    });
    expect(alerts.rows.get(alert.id)?.acknowledgedAt).toEqual(new Date(t(25)));

    const later: AlertChangeEvent[] = [];
    const subscription = sut.alerts$(SESSION_ID).subscribe((change) => later.push(change));
    for (let second = 26; second <= 120; second++) snapshots.next(disconnectedAt(second));
    await flush();
    subscription.unsubscribe();
    expect(later).toEqual([]);
  });

  it('applies changed thresholds to a session already live', async () => {
    const snapshots = await goLive();
    const raised = firstValueFrom(sut.alerts$(SESSION_ID));
    thresholds = { ...thresholds, disconnectedSeconds: 3 };
    settingsChanges.next('organisation');
    await flush();
    for (let second = 10; second <= 14; second++) snapshots.next(disconnectedAt(second));

    expect(await raised).toMatchObject({ kind: 'raised', alert: { raisedAt: new Date(t(13)).toISOString() } });
  });

  it('closes alerts left open by a stopped process when it watches the session again, and all at the end', async () => {
    await alerts.save(storedAlert('before-restart', { clearedAt: null }));
    const snapshots = await goLive();
    expect(alerts.rows.get('before-restart')?.clearedAt).toBeInstanceOf(Date);

    const raised = firstValueFrom(sut.alerts$(SESSION_ID));
    for (let second = 10; second <= 25; second++) snapshots.next(disconnectedAt(second));
    const { alert } = await raised;
    expect(alerts.rows.get(alert.id)?.clearedAt).toBeNull();
    events.publish({ sessionId: SESSION_ID, status: 'ended' });
    for (let attempt = 0; attempt < 20 && alerts.rows.get(alert.id)?.clearedAt === null; attempt++) await flush();

    expect(alerts.rows.get(alert.id)?.clearedAt).toBeInstanceOf(Date);
  });

  it('snoozes until minutes after the last snapshot', async () => {
    const snapshots = await goLive();
    const raised = firstValueFrom(sut.alerts$(SESSION_ID));
    for (let second = 10; second <= 25; second++) snapshots.next(disconnectedAt(second));
    const { alert } = await raised;
    const snoozed = await sut.snooze(alert.id, 5);
    expect(snoozed).toMatchObject({ status: 'snoozed', snoozedUntil: new Date(t(25) + 300_000).toISOString() });
  });

  it('does not find unknown alerts, nor alerts of another session', async () => {
    await expect(sut.acknowledge('00000000-0000-4000-8000-0000000000ff')).rejects.toThrow(DomainError);
    await alerts.save(storedAlert('a1', {}));
    await expect(sut.acknowledge('a1', '00000000-0000-4000-8000-000000000002')).rejects.toMatchObject({
      code: 'not-found',
    });
  });

  it('records the acknowledgement of an alert of a session no longer watched', async () => {
    await alerts.save(storedAlert('a1', { clearedAt: new Date(t(90)) }));
    const acknowledged = await sut.acknowledge('a1');
    expect(acknowledged.status).toBe('acknowledged');
    expect(alerts.rows.get('a1')?.acknowledgedAt).toBeInstanceOf(Date);
  });
});

function storedAlert(id: string, fields: Partial<AlertRow>): AlertRow {
  return {
    id,
    sessionId: SESSION_ID,
    participantId: 'm1',
    rule: 'disconnected',
    severity: 'standard',
    message: 'Disconnected for 15 s',
    queuedAt: null,
    raisedAt: new Date(t(25)),
    clearedAt: null,
    acknowledgedAt: null,
    snoozedUntil: null,
    ...fields,
  };
}

/** Lets promises and queued steps settle. */
function flush(): Promise<void> {
  return new Promise((resolve) => setImmediate(resolve));
}
