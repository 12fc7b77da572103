import type { SessionSnapshot } from '@attune/metrics';
import { io, type Socket } from 'socket.io-client';
import type {
  LiveAlert,
  LiveClientEvents,
  LiveResult,
  LiveServerEvents,
  LiveSessionInfo,
  LoggedEventView,
} from '../apps/api/src/live/live-events';
import { feedSession } from './browser/live-feed';
import { ApiClient } from './support/api-client';
import { envelope } from './support/envelopes';
import { queryTestDatabase } from './support/db';
import { createTestSession, type TestSession } from './support/session-fixture';
import { startTestApp, type TestApp } from './support/test-app';

type LiveClient = Socket<LiveServerEvents, LiveClientEvents>;

/*
 * The facilitator's live view over socket.io, with a real client against the listening app:
 * who may join which session, the full state on join, updates each second, the full state
 * again after a reconnection, and one-tap logging through ingest with undo.
 */
describe('Live view (/live)', () => {
  let app: TestApp;
  let admin: ApiClient;
  const clients: LiveClient[] = [];

  beforeAll(async () => {
    app = await startTestApp();
    admin = new ApiClient(app.baseUrl, app.adminToken);
  });
  afterEach(() => {
    for (const client of clients.splice(0)) client.disconnect();
  });
  afterAll(async () => {
    await app.close();
  });

  const connect = (token: string): LiveClient => {
    const client: LiveClient = io(`${app.baseUrl}/live`, {
      auth: { token },
      transports: ['websocket'],
      reconnectionDelay: 100,
      reconnectionDelayMax: 200,
    });
    clients.push(client);
    return client;
  };

  const facilitatorLink = async (session: TestSession) => {
    const response = await admin.post<{ url: string; token: string; facilitatorId: string }>(
      `/api/v1/sessions/${session.sessionId}/facilitator-link`,
    );
    expect(response.status).toBe(201);
    return response.body;
  };

  it('issues facilitator links to the admin only', async () => {
    const session = await createTestSession(admin, { memberCount: 1 });
    const link = await facilitatorLink(session);
    expect(link.url).toBe(`/#/sessions/${session.sessionId}?token=${encodeURIComponent(link.token)}`);
    expect(link.facilitatorId).toBe(session.facilitator.id);
    const asMember = new ApiClient(app.baseUrl, session.members[0].token);
    expect((await asMember.post(`/api/v1/sessions/${session.sessionId}/facilitator-link`)).status).toBe(403);
    // A facilitator link is not a management credential.
    const asFacilitator = new ApiClient(app.baseUrl, link.token);
    expect((await asFacilitator.post(`/api/v1/sessions/${session.sessionId}/facilitator-link`)).status).toBe(401);
  });

  it('lets in the session facilitator and the admin, and refuses others with a clear error', async () => {
    const session = await createTestSession(admin, { memberCount: 1 });
    const other = await createTestSession(admin, { memberCount: 1 });
    const otherLink = await facilitatorLink(other);
    const ownLink = await facilitatorLink(session);

    const refusedAtHandshake = await connectError(connect(session.members[0].token));
    expect(refusedAtHandshake).toMatch(/not a facilitator token/);
    expect(await connectError(connect(''))).toMatch(/token is required/);
    expect(await connectError(connect(ownLink.token + 'x'))).toMatch(/not valid/);

    const wrongSession = await join(connect(otherLink.token), session.sessionId);
    expect(wrongSession).toEqual({
      ok: false,
      error: { code: 'forbidden', message: 'This facilitator link is for another session' },
    });

    const asFacilitator = await join(connect(ownLink.token), session.sessionId);
    expect(asFacilitator.ok).toBe(true);
    const asAdmin = await join(connect(app.adminToken), session.sessionId);
    if (!asAdmin.ok) throw new Error(asAdmin.error.message);
    expect(asAdmin.value.viewer).toBe('admin');
    expect(asAdmin.value.canLogEvents).toBe(false);
    expect(asAdmin.value.participants.map((participant) => participant.displayName).sort()).toEqual([
      'Facilitator',
      'Member 1',
    ]);
  });

  it('sends the full state on join, then updates each second, and again after a reconnection', async () => {
    const session = await createTestSession(admin, { memberCount: 2 });
    const link = await facilitatorLink(session);
    const client = connect(link.token);
    const received = record(client);
    const joined = await join(client, session.sessionId);
    if (!joined.ok) throw new Error(joined.error.message);
    await waitFor(() => received.snapshots.length > 0);
    expect(received.snapshots[0]).toBeNull(); // nothing ingested yet
    expect(received.sessions[0].participants.find((p) => p.id === session.members[0].id)?.displayName).toBe('Member 1');

    const feed = feedSession(app.baseUrl, session);
    try {
      // The watermark trails each participant's newest data by a second or two before they show.
      await waitFor(() => (received.snapshots.at(-1)?.participants.length ?? 0) === 3, 20_000);
      await waitFor(() => received.snapshotTimes.length >= 3, 10_000);
      const live = received.snapshots.filter((s): s is SessionSnapshot => s !== null);
      expect(
        live
          .at(-1)
          ?.participants.map((p) => p.participantId)
          .sort(),
      ).toEqual([session.facilitator.id, ...session.members.map((member) => member.id)].sort());
      // At most one update a second.
      const times = received.snapshotTimes.slice(-3);
      expect(times[2] - times[0]).toBeGreaterThan(1500);

      // A reconnection: the client joins again on 'connect' and gets the full state again.
      client.on('connect', () => void join(client, session.sessionId));
      const before = received.snapshots.length;
      const sessionsBefore = received.sessions.length;
      client.io.engine.close();
      await waitFor(() => received.sessions.length > sessionsBefore && received.snapshots.length > before, 10_000);
      expect(received.snapshots.at(-1)).not.toBeNull();
    } finally {
      await feed.stop();
    }

    // Once the session ends, its live view shows the state it ended in.
    const lastLive = received.snapshots.at(-1);
    expect((await admin.post(`/api/v1/sessions/${session.sessionId}/end`)).status).toBe(200);
    const afterwards = connect(link.token);
    const ended = record(afterwards);
    const rejoined = await join(afterwards, session.sessionId);
    expect(rejoined).toMatchObject({ ok: true, value: { status: 'ended' } });
    await waitFor(() => ended.snapshots.length > 0);
    const final = ended.snapshots[0];
    expect(final?.participants.map((p) => p.participantId).sort()).toEqual(
      [session.facilitator.id, ...session.members.map((member) => member.id)].sort(),
    );
    expect(final?.at).toBeGreaterThanOrEqual(lastLive?.at ?? Infinity);
  }, 60_000);

  it("shows the alerts module's alerts and acknowledges them from the live view", async () => {
    // Alert settings are read when the session starts: lower the camera-off hold first.
    const session = await createTestSession(admin, { memberCount: 3, start: false });
    const details = await admin.get<{ groupId: string }>(`/api/v1/sessions/${session.sessionId}`);
    const groups = await admin.get<{ id: string; organisationId: string }[]>('/api/v1/groups');
    const organisationId = groups.body.find((group) => group.id === details.body.groupId)?.organisationId;
    const settings = await fetch(`${app.baseUrl}/api/v1/organisations/${organisationId}/alert-settings`, {
      method: 'PUT',
      headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminToken}` },
      body: JSON.stringify({ cameraOffSeconds: 2 }),
    });
    expect(settings.status).toBe(200);
    expect((await admin.post(`/api/v1/sessions/${session.sessionId}/start`)).status).toBe(200);
    const link = await facilitatorLink(session);
    const client = connect(link.token);
    const alerts: LiveAlert[][] = [];
    client.on('alerts', (list) => alerts.push(list));
    expect((await join(client, session.sessionId)).ok).toBe(true);
    const cameraOff = () =>
      alerts.at(-1)?.find((alert) => alert.rule === 'camera-off' && alert.participantId === session.members[2].id);

    const feed = feedSession(app.baseUrl, session);
    try {
      await waitFor(() => cameraOff()?.status === 'open', 30_000);
      const alert = cameraOff();
      if (!alert) throw new Error('no camera-off alert');
      expect(alert.severity).toBe('gentle');
      expect(await client.emitWithAck('acknowledge-alert', { alertId: alert.id })).toEqual({
        ok: true,
        value: undefined,
      });
      await waitFor(() => cameraOff()?.status === 'acknowledged', 5_000);
    } finally {
      await feed.stop();
    }
  }, 60_000);

  it('logs a facilitator event through ingest after the undo window, and undo drops it', async () => {
    const session = await createTestSession(admin, { memberCount: 1 });
    const link = await facilitatorLink(session);
    const client = connect(link.token);
    const received = record(client);
    expect((await join(client, session.sessionId)).ok).toBe(true);

    const refused = await client.emitWithAck('log-event', { code: 'not-a-code' });
    expect(refused).toMatchObject({ ok: false, error: { code: 'invalid-input' } });

    const memberId = session.members[0].id;
    const kept = await client.emitWithAck('log-event', { code: 'withdrawn', participantId: memberId });
    const takenBack = await client.emitWithAck('log-event', { code: 'phone' });
    if (!kept.ok || !takenBack.ok) throw new Error('log-event failed');
    expect(kept.value.status).toBe('pending');
    const undone = await client.emitWithAck('undo', { id: takenBack.value.id });
    expect(undone).toMatchObject({ ok: true, value: { status: 'undone' } });

    await waitFor(() => received.logged.some((event) => event.id === kept.value.id && event.status === 'sent'), 15_000);
    expect(await client.emitWithAck('undo', { id: kept.value.id })).toMatchObject({
      ok: false,
      error: { code: 'conflict' },
    });
    await waitFor(async () => (await facilitatorEvents(session.sessionId)).length > 0, 5_000);
    const stored = await facilitatorEvents(session.sessionId);
    expect(stored).toEqual([
      { participant_id: memberId, type: 'withdrawn', at: new Date(kept.value.at).toISOString() },
    ]);

    // The live view is not one of the facilitator's devices: their collector's seqs stay theirs.
    const collector = new ApiClient(app.baseUrl, session.facilitator.token);
    const ids = { sessionId: session.sessionId, participantId: session.facilitator.id };
    const sent = await collector.post<{ results: { status: string }[] }>(
      `/api/v1/sessions/${session.sessionId}/ingest`,
      { envelopes: [0, 1023].map((seq) => envelope(ids, seq, [{ kind: 'join', at: Date.now() }])) },
    );
    expect(sent.body.results.map((result) => result.status)).toEqual(['accepted', 'accepted']);

    // Whoever joins later gets the timeline from the database, with what was undone.
    const admins = connect(app.adminToken);
    const later = record(admins);
    expect((await join(admins, session.sessionId)).ok).toBe(true);
    await waitFor(() => later.timelines.length > 0);
    expect(later.timelines[0].map(({ code, status, participantId }) => ({ code, status, participantId }))).toEqual([
      { code: 'withdrawn', status: 'sent', participantId: memberId },
      { code: 'phone', status: 'undone', participantId: null },
    ]);
    expect(await admins.emitWithAck('log-event', { code: 'phone' })).toMatchObject({
      ok: false,
      error: { code: 'forbidden' },
    });
  }, 30_000);
});

async function facilitatorEvents(sessionId: string) {
  const rows = await queryTestDatabase<{ participant_id: string | null; type: string; at: Date }>(
    `SELECT participant_id, type, at FROM event WHERE session_id = $1 AND source = 'facilitator' ORDER BY id`,
    [sessionId],
  );
  return rows.map((row) => ({ ...row, at: new Date(row.at).toISOString() }));
}

function join(client: LiveClient, sessionId: string): Promise<LiveResult<LiveSessionInfo>> {
  return client.timeout(5000).emitWithAck('join', { sessionId });
}

function connectError(client: LiveClient): Promise<string> {
  return new Promise((resolve) => client.once('connect_error', (error) => resolve(error.message)));
}

function record(client: LiveClient) {
  const received = {
    sessions: [] as LiveSessionInfo[],
    snapshots: [] as (SessionSnapshot | null)[],
    snapshotTimes: [] as number[],
    logged: [] as LoggedEventView[],
    timelines: [] as LoggedEventView[][],
  };
  client.on('logged-events', (events) => received.timelines.push(events));
  client.on('session', (info) => received.sessions.push(info));
  client.on('snapshot', (snapshot) => {
    received.snapshots.push(snapshot);
    received.snapshotTimes.push(Date.now());
  });
  client.on('logged-event', (event) => received.logged.push(event));
  return received;
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 5000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}
