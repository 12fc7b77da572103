import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { WebSocket } from 'ws';
import { Monitor, type MonitorOptions } from '@attune/collector/core/monitor';
import type { FetchLike, WebSocketConstructor } from '@attune/collector/core/platform';
import { filterStats } from '@attune/collector/stats/stats-filter';
import type { StatsObject } from '@attune/protocol/delta/stats-delta';
import { readRtcstatsDump } from '../libs/metrics/src/normalize/testing/rtcstats-dump';
import { createAttuneApp } from '../apps/api/src/bootstrap/create-app';
import { loadAppConfig } from '../apps/api/src/config/app-config';
import { IngestWriter } from '../apps/api/src/storage/ingest-writer';
import { ApiClient } from './support/api-client';
import { countRows, queryTestDatabase } from './support/db';
import { createTestSession, type TestSession } from './support/session-fixture';
import { testDatabaseUrl } from './support/test-app';

/**
 * The collector core in Node (ws for the socket, Node's fetch) against the real server, fed
 * real Chrome getStats() reports from a recorded call through a stand-in peer connection.
 */

/** Reports of one peer connection of a real Chrome call (standard stats), in order. */
const chromeReports = readRtcstatsDump('google-standard-stats-p2p').reports.filter(
  (report) => report.peerConnectionId === 'PC_1',
);

/** Returns the recorded reports one per getStats() call, as a browser would (a Map by id). */
class ReplayedPeerConnection {
  readonly returned: StatsObject[][] = [];
  iceConnectionState = 'connected';
  connectionState = 'connected';

  async getStats(): Promise<Map<string, StatsObject>> {
    // Each report once: the restart test tells reports apart by content.
    const report = chromeReports[Math.min(this.returned.length, chromeReports.length - 1)];
    const objects = report.stats.map((stats) => ({ ...stats }));
    this.returned.push(objects);
    return Promise.resolve(new Map(objects.map((stats) => [stats.id, stats])));
  }
}

/** ws's WebSocket, recording every ack the server sends so the test can see rejections. */
function recordingWebSocket(frames: { seq: number | null; rejected?: { index: number }[] }[]): WebSocketConstructor {
  return class extends WebSocket {
    constructor(url: string, protocols?: string[]) {
      super(url, protocols);
      this.on('message', (data: Buffer) => frames.push(JSON.parse(data.toString('utf8')) as (typeof frames)[number]));
    }
  };
}

/**
 * Node's fetch, recording every ack of the HTTP fallback too: while the server is down the
 * collector goes on trying by HTTP, and whichever way reaches it first carries the answers.
 * `unreachable` counts the posts that found no server.
 */
function recordingFetch(
  frames: { seq: number | null; rejected?: { index: number }[] }[],
  unreachable = { posts: 0 },
): FetchLike {
  return async (url, init) => {
    const response = await fetch(url, init).catch((error: unknown) => {
      unreachable.posts++;
      throw error;
    });
    const body = (await response.json().catch(() => ({}))) as { results?: (typeof frames)[number][] };
    frames.push(...(body.results ?? []));
    return { status: response.status, json: () => Promise.resolve(body) };
  };
}

interface Server {
  app: INestApplication;
  port: number;
}

/** The real server on a chosen port (0: any), so a restart can come back where the collector looks. */
async function startServer(secrets: { admin: string; token: string }, port = 0): Promise<Server> {
  const config = loadAppConfig({
    DATABASE_URL: testDatabaseUrl(),
    ATTUNE_ADMIN_TOKEN: secrets.admin,
    ATTUNE_TOKEN_SECRET: secrets.token,
    PORT: '0',
  });
  const { app } = await createAttuneApp(config, { logger: false });
  await app.listen(port, '127.0.0.1');
  return { app, port: (app.getHttpServer() as { address(): AddressInfo }).address().port };
}

async function waitFor(condition: () => boolean | Promise<boolean>, timeoutMs = 15_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error('timed out waiting for a condition');
    await new Promise((resolve) => setTimeout(resolve, 50));
  }
}

interface StoredReport {
  seq: string;
  peer_connection_id: string;
  stats: StatsObject[];
}

/** When a report was taken (its transport's timestamp). */
const reportTime = (stats: readonly StatsObject[]) => stats.find((object) => object.type === 'transport')?.timestamp;

const byId = (stats: readonly StatsObject[]) => [...stats].sort((a, b) => a.id.localeCompare(b.id));

/** A report as comparable text: objects by id, fields by name. */
const canonical = (stats: readonly StatsObject[]) =>
  JSON.stringify(
    byId(stats).map((object) => Object.fromEntries(Object.entries(object).sort(([a], [b]) => a.localeCompare(b)))),
  );

describe('The browser collector against the real server', () => {
  const secrets = { admin: randomBytes(24).toString('base64url'), token: randomBytes(24).toString('base64url') };
  let server: Server;
  let session: TestSession;
  let monitor: Monitor | undefined;

  const optionsFor = (member: { id: string; token: string }, extra: Partial<MonitorOptions> = {}): MonitorOptions => ({
    endpoint: `http://127.0.0.1:${server.port}`,
    sessionId: session.sessionId,
    participantId: member.id,
    token: member.token,
    pollIntervalMs: 100,
    WebSocket,
    fetch,
    backoff: { initialMs: 100, maxMs: 500, jitter: 0.5 },
    flushTimeoutMs: 10_000,
    ...extra,
  });

  const storedReports = async (participantId: string): Promise<StoredReport[]> => {
    await server.app.get(IngestWriter).flush();
    return queryTestDatabase<StoredReport>(
      'SELECT seq, peer_connection_id, stats FROM stats_sample WHERE participant_id = $1 ORDER BY ts',
      [participantId],
    );
  };

  beforeAll(async () => {
    expect(chromeReports.length).toBeGreaterThan(40);
    server = await startServer(secrets);
    // Members have not consented on record: the collector's own consent event must do it.
    session = await createTestSession(new ApiClient(`http://127.0.0.1:${server.port}`, secrets.admin), {
      memberCount: 3,
      consent: false,
    });
  });

  afterEach(async () => {
    await monitor?.stop();
    monitor = undefined;
  });

  afterAll(() => server.app.close());

  it('stores every report whole, equal to what the peer connection returned after filtering, from deltas', async () => {
    const member = session.members[0];
    const frames: { seq: number | null; rejected?: { index: number }[] }[] = [];
    const peerConnection = new ReplayedPeerConnection();
    monitor = new Monitor(optionsFor(member, { consent: true, WebSocket: recordingWebSocket(frames) }));
    monitor.addPeerConnection(peerConnection, { id: 'main' });
    await waitFor(() => peerConnection.returned.length >= 30);
    await monitor.stop();
    const status = monitor.status();
    monitor = undefined;

    const stored = await storedReports(member.id);
    expect(stored).toHaveLength(peerConnection.returned.length);
    stored.forEach((row, index) => {
      expect(row.peer_connection_id).toBe('main');
      expect(byId(row.stats)).toEqual(byId(filterStats(peerConnection.returned[index])));
    });
    // Stats really travelled as deltas (the sanity of the comparison above depends on it)…
    expect(frames.filter((frame) => (frame.rejected ?? []).length > 0)).toEqual([]);
    expect(status).toMatchObject({ droppedMessages: 0, bufferedMessages: 0 });
    // …and never carried a network address.
    expect(JSON.stringify(stored)).not.toMatch(/"(address|ip|port|url|relatedAddress)"/);
    const events = await queryTestDatabase<{ type: string }>('SELECT type FROM event WHERE participant_id = $1', [
      member.id,
    ]);
    expect(events.map((event) => event.type)).toEqual(
      expect.arrayContaining(['consent', 'ice-state', 'connection-state']),
    );
  });

  it('recovers from a server restart that lost its baselines by resending whole reports, losing nothing more', async () => {
    const member = session.members[1];
    const frames: { seq: number | null; rejected?: { index: number }[] }[] = [];
    const unreachable = { posts: 0 };
    const peerConnection = new ReplayedPeerConnection();
    monitor = new Monitor(
      optionsFor(member, {
        consent: true,
        WebSocket: recordingWebSocket(frames),
        fetch: recordingFetch(frames, unreachable),
      }),
    );
    monitor.addPeerConnection(peerConnection, { id: 'main' });
    await waitFor(() => (monitor?.status().ackedEnvelopes ?? 0) >= 10);

    // The server goes down, and comes back without the reports it had (say, restored from an
    // older backup): the baseline of every delta the collector sends next is gone.
    const port = server.port;
    await server.app.close();
    const lost = await queryTestDatabase<StoredReport>(
      'DELETE FROM stats_sample WHERE participant_id = $1 RETURNING seq, peer_connection_id, stats',
      [member.id],
    );
    expect(lost.length).toBeGreaterThan(5);
    const stoppedAt = peerConnection.returned.length;
    await waitFor(() => peerConnection.returned.length >= stoppedAt + 5); // reports wait in the buffer
    // Down for longer than the 8 tries an envelope the server fails on gets: an outage only delays.
    await waitFor(() => unreachable.posts >= 12);
    server = await startServer(secrets, port);
    await waitFor(() => peerConnection.returned.length >= stoppedAt + 20);
    await monitor.stop();
    monitor = undefined;

    expect(frames.filter((frame) => (frame.rejected ?? []).length > 0).length).toBeGreaterThan(0);
    const lostReports = new Set(lost.map((row) => canonical(row.stats)));
    const expected = peerConnection.returned
      .map((report) => canonical(filterStats(report)))
      .filter((report) => !lostReports.has(report));
    const stored = await storedReports(member.id);
    // First by timestamp, which reads well when one is missing; then whole.
    expect(stored.map((row) => reportTime(row.stats))).toEqual(
      expected.map((report) => reportTime(JSON.parse(report) as StatsObject[])),
    );
    expect(stored.map((row) => canonical(row.stats))).toEqual(expected);
    expect(stored.length + lost.length).toBe(peerConnection.returned.length);
  }, 30_000);

  it('sends and stores nothing before consent, and nothing after it is withdrawn', async () => {
    const member = session.members[2];
    const peerConnection = new ReplayedPeerConnection();
    monitor = new Monitor(optionsFor(member));
    monitor.addPeerConnection(peerConnection);
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(peerConnection.returned).toHaveLength(0);
    expect(monitor.status()).toMatchObject({ transport: 'none', sentEnvelopes: 0 });
    expect(await countRows('event', member.id)).toBe(0);

    monitor.grantConsent();
    await waitFor(async () => (await storedReports(member.id)).length >= 3);
    const [participant] = await queryTestDatabase<{ consent_storage: boolean }>(
      'SELECT consent_storage FROM participant WHERE id = $1',
      [member.id],
    );
    expect(participant?.consent_storage).toBe(true);

    await monitor.withdrawConsent();
    const returned = peerConnection.returned.length;
    const stored = (await storedReports(member.id)).length;
    await new Promise((resolve) => setTimeout(resolve, 500));
    expect(peerConnection.returned).toHaveLength(returned);
    expect(await storedReports(member.id)).toHaveLength(stored);
    expect(monitor.status().connected).toBe(false);
    const consent = await queryTestDatabase<{ state: string }>(
      "SELECT state FROM event WHERE participant_id = $1 AND type = 'consent' ORDER BY at",
      [member.id],
    );
    expect(consent.map((event) => event.state)).toEqual(['granted', 'withdrawn']);
  });

  it('serves the built bundle at /collector.js for any origin', async () => {
    const response = await fetch(`http://127.0.0.1:${server.port}/collector.js`);
    expect(response.status).toBe(200);
    expect(response.headers.get('content-type')).toMatch(/^text\/javascript/);
    expect(response.headers.get('access-control-allow-origin')).toBe('*');
    expect(await response.text()).toMatch(/export\s*\{[^}]*\bmonitor\b/);
  });
});
