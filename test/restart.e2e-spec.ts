import { ApiClient } from './support/api-client';
import { countRows } from './support/db';
import { envelope, statsMessage } from './support/envelopes';
import { createTestSession } from './support/session-fixture';
import { startTestApp, TestApp } from './support/test-app';
import { IngestSocketClient } from './support/ws-client';

describe('Stopping and restarting Attune', () => {
  let running: TestApp | undefined;
  afterEach(() => running?.close());

  // Two start-ups of the whole app and two shutdowns: more than Jest's default 5 s on a busy machine.
  it('keeps every acknowledged message across a clean shutdown, and still knows which seqs it has', async () => {
    const first = await startTestApp({ env: { ATTUNE_STORAGE_FLUSH_INTERVAL_MS: '60000' } });
    running = first;
    const admin = new ApiClient(first.baseUrl, first.adminToken);
    const session = await createTestSession(admin, { memberCount: 1 });
    const member = session.members[0];
    const ids = { sessionId: session.sessionId, participantId: member.id };

    // The facilitator's observations are stored under the member they are about.
    const facilitatorIds = { sessionId: session.sessionId, participantId: session.facilitator.id };
    const observation = envelope(facilitatorIds, 0, [
      { kind: 'facilitator-event', at: Date.now(), code: 'withdrawn', participantId: member.id },
    ]);
    const logged = await new ApiClient(first.baseUrl, session.facilitator.token).post(
      `/api/v1/sessions/${session.sessionId}/ingest`,
      { envelopes: [observation] },
    );
    expect(logged.status).toBe(200);

    const client = await IngestSocketClient.connect(`${first.wsUrl}/ingest`, member.token);
    const envelopeCount = 20;
    for (let seq = 0; seq < envelopeCount; seq++)
      client.send(envelope(ids, seq, [statsMessage(Date.now() + seq * 1000)]));
    const acks = await client.waitForFrames(envelopeCount);
    expect(acks.filter((ack) => ack.status !== 'accepted')).toEqual([]);
    // The flush interval is a minute, so these rows are still in memory: shutdown must write them.
    await first.close();
    running = undefined;
    expect(await countRows('stats_sample', member.id)).toBe(envelopeCount);

    const second = await startTestApp({ adminToken: first.adminToken, tokenSecret: first.tokenSecret });
    running = second;
    const secondAdmin = new ApiClient(second.baseUrl, second.adminToken);
    const stored = await secondAdmin.get<{ id: string; status: string; participants: unknown[] }>(
      `/api/v1/sessions/${session.sessionId}`,
    );
    expect(stored.status).toBe(200);
    expect(stored.body).toMatchObject({ id: session.sessionId, status: 'live' });
    expect(stored.body.participants).toHaveLength(2);

    // A collector that never saw its last ack resends after the restart: stored once only.
    const resent = await new ApiClient(second.baseUrl, member.token).post<{ results: { status: string }[] }>(
      `/api/v1/sessions/${session.sessionId}/ingest`,
      {
        envelopes: [
          envelope(ids, envelopeCount - 1, [statsMessage(Date.now())]),
          envelope(ids, envelopeCount, [statsMessage(Date.now())]),
          // Its next report is a delta against one stored before the restart: read back from the database.
          envelope(ids, envelopeCount + 1, [
            { kind: 'stats', timestamp: Date.now(), peerConnectionId: 'pc-1', deltaOf: envelopeCount - 1, stats: [] },
          ]),
        ],
      },
    );
    expect(resent.status).toBe(200);
    expect(resent.body.results.map((result) => result.status)).toEqual(['duplicate', 'accepted', 'accepted']);
    const relogged = await new ApiClient(second.baseUrl, session.facilitator.token).post<{
      results: { status: string }[];
    }>(`/api/v1/sessions/${session.sessionId}/ingest`, { envelopes: [observation] });
    expect(relogged.body.results).toEqual([expect.objectContaining({ seq: 0, status: 'duplicate' })]);
    await second.close();
    running = undefined;
    expect(await countRows('stats_sample', member.id)).toBe(envelopeCount + 2);
  }, 30_000);
});
