import type { IngestAck } from '@attune/protocol';
import type { FacilitatorPrincipal } from '../auth/principal';
import { loadAppConfig } from '../config/app-config';
import type { IngestService } from '../ingest/ingest.service';
import type { IngestWriter } from '../storage/ingest-writer';
import type { FacilitatorObservationRepository, StoredObservation } from '../storage/repositories';
import { FacilitatorEventLog } from './facilitator-event-log';
import { UNDO_WINDOW_MS, type LoggedEventView } from './live-events';

const SESSION = '3f2b8c1e-9d4a-4e7b-a1c2-5d6e7f8a9b0c';
const FACILITATOR = 'b7e4c2a1-3d5f-4a6b-8c9d-0e1f2a3b4c5d';
const MEMBER = 'c8f5d3b2-4e6a-4b7c-9d0e-1f2a3b4c5d6e';

const facilitator: FacilitatorPrincipal = {
  kind: 'facilitator',
  sessionId: SESSION,
  participantId: FACILITATOR,
  expiresAt: new Date(Date.now() + 3_600_000),
};

/** Ingest as the log sees it: what was sent, answered with `ack`, and stored when accepted. */
class FakeIngest {
  readonly sent: unknown[] = [];
  readonly stored: StoredObservation[] = [];
  ack: Omit<IngestAck, 'seq'> = { status: 'accepted', accepted: 1, rejected: [] };

  async ingestObservation(_principal: unknown, message: { code: string; at: number; participantId?: string }) {
    this.sent.push(message);
    if (this.ack.status === 'accepted') {
      const { code, at, participantId } = message;
      this.stored.push({
        id: String(this.stored.length + 1),
        code,
        at: new Date(at),
        participantId: participantId ?? null,
      });
    }
    return { ...this.ack, seq: null };
  }
}

describe(FacilitatorEventLog.name, () => {
  let ingest: FakeIngest;
  let sut: FacilitatorEventLog;
  let changes: LoggedEventView[];

  beforeEach(() => {
    jest.useFakeTimers({ doNotFake: ['nextTick', 'setImmediate'] });
    ingest = new FakeIngest();
    const config = loadAppConfig({ ATTUNE_ADMIN_TOKEN: 'a'.repeat(32), ATTUNE_TOKEN_SECRET: 'b'.repeat(32) });
    const writer = { flush: async () => undefined } as unknown as IngestWriter;
    const observations = {
      listForSession: async () => [...ingest.stored],
    } as unknown as FacilitatorObservationRepository;
    sut = new FacilitatorEventLog(config, ingest as unknown as IngestService, writer, observations);
    changes = [];
    sut.changes$.subscribe(({ event }) => changes.push(event));
  });
  afterEach(() => jest.useRealTimers());

  it('keeps an event pending for the undo window, then sends it as the facilitator with its tap time', async () => {
    const logged = sut.log(facilitator, { code: 'withdrawn', participantId: MEMBER }, 1_000);
    expect(logged).toMatchObject({ status: 'pending', at: 1_000, undoUntil: 1_000 + UNDO_WINDOW_MS });
    expect(ingest.sent).toEqual([]);

    await jest.advanceTimersByTimeAsync(UNDO_WINDOW_MS);
    expect(ingest.sent).toEqual([{ kind: 'facilitator-event', at: 1_000, code: 'withdrawn', participantId: MEMBER }]);
    expect(changes.map((change) => change.status)).toEqual(['pending', 'sent']);
  });

  it('lists the stored timeline (which survives a restart) with what is not stored yet, oldest first', async () => {
    sut.log(facilitator, { code: 'withdrawn', participantId: MEMBER }, 1_000);
    await jest.advanceTimersByTimeAsync(UNDO_WINDOW_MS);
    const undone = sut.log(facilitator, { code: 'phone' }, 3_000);
    sut.undo(facilitator, undone.id);
    sut.log(facilitator, { code: 'shared' }, 2_000);

    const timeline = await sut.list(SESSION);

    expect(timeline.map(({ code, status }) => `${code}:${status}`)).toEqual([
      'withdrawn:sent',
      'shared:pending',
      'phone:undone',
    ]);
    expect(timeline[0]).toMatchObject({ id: 'stored-1', participantId: MEMBER, at: 1_000 });
  });

  it('drops an undone event: nothing reaches ingest, and it cannot be undone twice', async () => {
    const logged = sut.log(facilitator, { code: 'phone' });
    expect(sut.undo(facilitator, logged.id).status).toBe('undone');
    await jest.advanceTimersByTimeAsync(UNDO_WINDOW_MS * 2);
    expect(ingest.sent).toEqual([]);
    expect(() => sut.undo(facilitator, logged.id)).toThrow(/can no longer be undone/);
  });

  it('refuses codes outside the taxonomy and undo from another session', () => {
    expect(() => sut.log(facilitator, { code: 'inattentive' })).toThrow(/not a facilitator code/);
    const logged = sut.log(facilitator, { code: 'shared' });
    expect(() => sut.undo({ ...facilitator, sessionId: MEMBER }, logged.id)).toThrow(/can no longer be undone/);
  });

  it('reports what ingest refused', async () => {
    ingest.ack = {
      status: 'rejected',
      accepted: 0,
      rejected: [{ index: 0, issues: [{ path: '/messages/0', reason: 'the session has ended' }] }],
    };
    sut.log(facilitator, { code: 'noise' });
    await jest.advanceTimersByTimeAsync(UNDO_WINDOW_MS);
    expect(changes.at(-1)).toMatchObject({ status: 'rejected', reason: 'the session has ended' });
  });

  it('sends what is still pending when the server shuts down', async () => {
    sut.log(facilitator, { code: 'supportive' });
    await sut.beforeApplicationShutdown();
    expect(ingest.sent).toHaveLength(1);
  });
});
