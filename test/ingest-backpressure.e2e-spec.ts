import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { IngestWriter } from '../apps/api/src/storage/ingest-writer';
import { adminDatabaseUrl, withDatabase } from './setup/test-database';
import { ApiClient } from './support/api-client';
import { envelope, statsMessage } from './support/envelopes';
import { createTestSession, TestSession } from './support/session-fixture';
import { startTestApp, TestApp } from './support/test-app';
import { IngestSocketClient } from './support/ws-client';

const ENVELOPES = 600;

interface OpsMetrics {
  ingest: {
    pausedWebSocketConnections: number;
    backlog: { holding: boolean; holds: number; heldSeconds: number };
  };
}
/** Each report carries a future stats type with this much in it (kept and stored like any field). */
const PADDING_BYTES = 6_000;

/**
 * A database that falls behind must slow the clients down, not fill the server's memory, and
 * lose nothing. This suite has a database of its own: it locks a table, which would stall
 * every other suite sharing one.
 */
describe('Ingest while the database falls behind (real PostgreSQL)', () => {
  const databaseName = `attune_test_backlog_${randomBytes(4).toString('hex')}`;
  const databaseUrl = withDatabase(adminDatabaseUrl(), databaseName);
  let testApp: TestApp;
  let session: TestSession;

  beforeAll(async () => {
    await adminQuery(`CREATE DATABASE "${databaseName}"`);
    testApp = await startTestApp({
      env: {
        DATABASE_URL: databaseUrl,
        ATTUNE_INGEST_MAX_BACKLOG_MB: '1',
        ATTUNE_INGEST_RATE_PER_SECOND: '100000',
        ATTUNE_INGEST_RATE_BURST: '100000',
      },
    });
    session = await createTestSession(new ApiClient(testApp.baseUrl, testApp.adminToken), { memberCount: 2 });
  });
  afterAll(async () => {
    await testApp?.close();
    await adminQuery(`DROP DATABASE IF EXISTS "${databaseName}" WITH (FORCE)`);
  });

  it('stops reading and acknowledging past the backlog mark, answers HTTP with 503, then stores everything', async () => {
    const [member, other] = session.members as [TestSession['members'][0], TestSession['members'][0]];
    const writer = testApp.app.get(IngestWriter);
    const locker = new Client({ connectionString: databaseUrl });
    await locker.connect();
    // INSERT needs ROW EXCLUSIVE, which SHARE conflicts with: every stats write now waits.
    await locker.query('BEGIN');
    await locker.query('LOCK TABLE stats_sample IN SHARE MODE');
    let locked = true;
    try {
      const socket = await IngestSocketClient.connect(`${testApp.wsUrl}/ingest`, member.token);
      const start = Date.now();
      for (let seq = 0; seq < ENVELOPES; seq++) socket.send(paddedReport(member.id, seq, start + seq * 1000));

      // Acks stop once about 1 MiB waits for the database; the rest waits in the socket.
      await waitUntil(() => writer.pendingBytes() > 1024 * 1024);
      await sleep(1_500);
      const acknowledgedWhileLocked = socket.frames.length;
      expect(acknowledgedWhileLocked).toBeGreaterThan(0);
      expect(acknowledgedWhileLocked).toBeLessThan(ENVELOPES / 2);
      // What is held in memory stays near the mark: one frame past it, not the whole flood.
      expect(writer.pendingBytes()).toBeLessThan(1024 * 1024 + 2 * PADDING_BYTES + 4096);

      // Operators see it: ingest holding, and the one socket not being read.
      const admin = new ApiClient(testApp.baseUrl, testApp.adminToken);
      const during = await admin.get<OpsMetrics>('/api/v1/admin/metrics');
      expect(during.body.ingest).toMatchObject({
        pausedWebSocketConnections: 1,
        backlog: { holding: true, holds: 1 },
      });

      const http = await new ApiClient(testApp.baseUrl, other.token).post(
        `/api/v1/sessions/${session.sessionId}/ingest`,
        { envelopes: [paddedReport(other.id, 0, start)] },
      );
      expect(http.status).toBe(503);
      expect(http.headers.get('retry-after')).toBe('2');
      expect(http.body).toMatchObject({ retryAfterMs: 2000, message: expect.stringContaining('resend') });

      await locker.query('COMMIT');
      locked = false;
      const frames = await socket.waitForFrames(ENVELOPES, 60_000);
      expect(frames.every((frame) => frame.type === 'ack' && frame.status === 'accepted')).toBe(true);
      expect(frames.map((frame) => frame.seq)).toEqual(Array.from({ length: ENVELOPES }, (_, seq) => seq));
      const after = await admin.get<OpsMetrics>('/api/v1/admin/metrics');
      expect(after.body.ingest).toMatchObject({ pausedWebSocketConnections: 0, backlog: { holding: false } });
      expect(after.body.ingest.backlog.heldSeconds).toBeGreaterThan(1);
      socket.close();

      await writer.flush();
      const [row] = (
        await locker.query<{ count: string }>('SELECT count(*) AS count FROM stats_sample WHERE participant_id = $1', [
          member.id,
        ])
      ).rows;
      expect(Number(row?.count)).toBe(ENVELOPES);
    } finally {
      if (locked) await locker.query('ROLLBACK');
      await locker.end();
    }
  }, 90_000);

  function paddedReport(participantId: string, seq: number, timestamp: number): Record<string, unknown> {
    const stats = statsMessage(timestamp) as { stats: unknown[] };
    stats.stats.push({ id: 'F1', type: 'some-future-type', timestamp, blob: 'x'.repeat(PADDING_BYTES) });
    return envelope({ sessionId: session.sessionId, participantId }, seq, [stats]);
  }
});

async function adminQuery(sql: string): Promise<void> {
  const client = new Client({ connectionString: adminDatabaseUrl() });
  await client.connect();
  try {
    await client.query(sql);
  } finally {
    await client.end();
  }
}

async function waitUntil(condition: () => boolean, timeoutMs = 20_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!condition()) {
    if (Date.now() > deadline) throw new Error('timed out waiting for the backlog to build');
    await sleep(50);
  }
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));
