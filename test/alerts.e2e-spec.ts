import type { SessionInput } from '@attune/metrics';
import { SimulatedDevice } from '@attune/metrics/session/testing/simulated-device';
import { ApiClient } from './support/api-client';
import { queryTestDatabase } from './support/db';
import { envelope } from './support/envelopes';
import { createTestSession, type TestParticipant } from './support/session-fixture';
import { startTestApp, type TestApp } from './support/test-app';
import { IngestSocketClient } from './support/ws-client';

/*
 * Live alerts through the real server: a member's stats stop while the others' go on, in event
 * time running faster than real time (a minute of data sent at once), so their connection goes
 * `disconnected` (15 s without a report) and, 15 s later, the alert is raised, stored and
 * listed; then the admin acknowledges it.
 */

const TEST_TIMEOUT_MS = 60_000;

interface AlertBody {
  id: string;
  participantId: string | null;
  rule: string;
  severity: string;
  message: string;
  status: string;
  raisedAt: string | null;
  acknowledgedAt: string | null;
}

describe('Live alerts', () => {
  let running: TestApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it(
    'raises, stores and lists an alert when a member is disconnected, and records its acknowledgement',
    async () => {
      running = await startTestApp();
      const admin = new ApiClient(running.baseUrl, running.adminToken);
      const session = await createTestSession(admin, { memberCount: 2 });
      const [steady, dropping] = session.members;
      const alertsPath = `/api/v1/sessions/${session.sessionId}/alerts`;
      expect((await admin.get<AlertBody[]>(alertsPath)).body).toEqual([]);

      // Everyone joins at 0 and sends stats each second; the dropping member stops after 10 s.
      await sendStats(running, session.sessionId, [
        { participant: session.facilitator, lastSecond: 60 },
        { participant: steady, lastSecond: 60 },
        { participant: dropping, lastSecond: 10 },
      ]);

      const alert = await waitFor(async () => {
        const listed = await admin.get<AlertBody[]>(alertsPath);
        return listed.body.find((candidate) => candidate.rule === 'disconnected' && candidate.status === 'raised');
      }, 30_000);
      expect(alert).toMatchObject({ participantId: dropping.id, severity: 'standard' });
      expect(alert.message).toMatch(/^Disconnected for \d+ s$/);
      expect(alert.message).not.toMatch(/Member/);

      const [stored] = await queryTestDatabase<{ rule: string; raised_at: Date | null }>(
        `SELECT rule, raised_at FROM alert WHERE id = $1`,
        [alert.id],
      );
      expect(stored.rule).toBe('disconnected');
      expect(stored.raised_at).toBeInstanceOf(Date);

      const acknowledged = await admin.post<AlertBody>(`/api/v1/alerts/${alert.id}/ack`);
      expect(acknowledged.status).toBe(200);
      expect(acknowledged.body).toMatchObject({ id: alert.id, status: 'acknowledged' });
      expect(acknowledged.body.acknowledgedAt).not.toBeNull();
      const listed = await admin.get<AlertBody[]>(alertsPath);
      expect(listed.body.find((candidate) => candidate.id === alert.id)?.status).toBe('acknowledged');

      const snoozeUnknown = await admin.post(`/api/v1/alerts/${session.sessionId}/snooze`, { minutes: 5 });
      expect(snoozeUnknown.status).toBe(404);
      const badSnooze = await admin.post(`/api/v1/alerts/${alert.id}/snooze`, { minutes: 0 });
      expect(badSnooze.status).toBe(400);
      expect((await new ApiClient(running.baseUrl).get(alertsPath)).status).toBe(401);
    },
    TEST_TIMEOUT_MS,
  );

  it('validates and stores an organisation’s alert settings', async () => {
    running = await startTestApp();
    const admin = new ApiClient(running.baseUrl, running.adminToken);
    const organisation = await admin.post<{ id: string }>('/api/v1/organisations', { name: 'Settings clinic' });
    const settingsPath = `/api/v1/organisations/${organisation.body.id}/alert-settings`;
    const put = (body: unknown) =>
      fetch(running!.baseUrl + settingsPath, {
        method: 'PUT',
        headers: { 'content-type': 'application/json', authorization: `Bearer ${running!.adminToken}` },
        body: JSON.stringify(body),
      }).then(async (response) => ({
        status: response.status,
        body: (await response.json()) as Record<string, unknown>,
      }));

    const defaults = await admin.get<{ overrides: object; effective: Record<string, number> }>(settingsPath);
    expect(defaults.status).toBe(200);
    expect(defaults.body.overrides).toEqual({});
    expect(defaults.body.effective.quietSilenceMinutes).toBe(10);

    const invalid = await put({ quietSilenceMinutes: -1, loudness: 3 });
    expect(invalid.status).toBe(400);
    expect(invalid.body.details).toEqual([
      { path: '/quietSilenceMinutes', reason: 'must be more than 0 and at most 1440' },
      expect.objectContaining({ path: '/loudness' }),
    ]);

    const saved = await put({ quietSilenceMinutes: 8 });
    expect(saved.status).toBe(200);
    const effective = await admin.get<{ overrides: object; effective: Record<string, number> }>(settingsPath);
    expect(effective.body.overrides).toEqual({ quietSilenceMinutes: 8 });
    expect(effective.body.effective).toMatchObject({ quietSilenceMinutes: 8, neverSpokenByMinute: 20 });

    expect((await admin.get(`/api/v1/organisations/${crypto.randomUUID()}/alert-settings`)).status).toBe(404);
  });
});

/** Joins everyone at 0, then sends each participant's stats for seconds 1..lastSecond, all at once. */
async function sendStats(
  app: TestApp,
  sessionId: string,
  senders: Array<{ participant: TestParticipant; lastSecond: number }>,
): Promise<void> {
  for (const { participant, lastSecond } of senders) {
    const device = new SimulatedDevice(participant.id, participant.role);
    const socket = await IngestSocketClient.connect(`${app.wsUrl}/ingest`, participant.token);
    const ids = { sessionId, participantId: participant.id };
    const seconds: SessionInput[][] = [[device.join(0)]];
    for (let second = 1; second <= lastSecond; second++) seconds.push([device.stats(second)]);
    seconds.forEach((inputs, seq) =>
      socket.send(
        envelope(
          ids,
          seq,
          inputs.map((input) => input.message),
        ),
      ),
    );
    const frames = await socket.waitForFrames(seconds.length, 10_000);
    expect(frames.filter((frame) => frame.status !== 'accepted')).toEqual([]);
    socket.close();
  }
}

/** Polls until `probe` gives something, at most `timeoutMs`. */
async function waitFor<Value>(probe: () => Promise<Value | undefined>, timeoutMs: number): Promise<Value> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for the alert');
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
