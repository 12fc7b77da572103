import { withoutSensitiveFields, type IngestAck, type RtcStats } from '@attune/protocol';
import { IngestService } from '../apps/api/src/ingest/ingest.service';
import { IngestWriter } from '../apps/api/src/storage/ingest-writer';
import { TokenService } from '../apps/api/src/auth/token.service';
import { ApiClient } from './support/api-client';
import { countRows, queryTestDatabase } from './support/db';
import { envelope, statsMessage } from './support/envelopes';
import { createTestSession, TestParticipant, TestSession } from './support/session-fixture';
import { startTestApp, TestApp } from './support/test-app';
import { IngestSocketClient } from './support/ws-client';

interface ErrorBody {
  statusCode: number;
  error: string;
  message: string;
  details?: { path: string; reason: string }[];
  acceptedMessages?: number;
  results?: { seq: number; status: string; accepted: number }[];
}

describe('Ingest (HTTP and WebSocket, real PostgreSQL)', () => {
  let testApp: TestApp;
  let admin: ApiClient;
  let session: TestSession;
  let member: TestParticipant;

  const ingestPath = () => `/api/v1/sessions/${session.sessionId}/ingest`;
  const as = (participant: TestParticipant) => new ApiClient(testApp.baseUrl, participant.token);
  const of = (participant: TestParticipant) => ({ sessionId: session.sessionId, participantId: participant.id });
  const flush = () => testApp.app.get(IngestWriter).flush();

  beforeAll(async () => {
    testApp = await startTestApp();
    admin = new ApiClient(testApp.baseUrl, testApp.adminToken);
  });
  afterAll(() => testApp.close());
  beforeEach(async () => {
    session = await createTestSession(admin, { memberCount: 2 });
    member = session.members[0]!;
  });

  describe('over HTTP', () => {
    it('stores every kind of message of a valid batch and acknowledges each envelope by seq', async () => {
      const now = Date.now();
      const response = await as(member).post(ingestPath(), {
        envelopes: [
          envelope(of(member), 0, [{ kind: 'join', at: now, client: { platform: 'desktop' } }, statsMessage(now)]),
          envelope(of(member), 1, [
            { kind: 'utterance', start: now, end: now + 1800 },
            { kind: 'client-event', type: 'visibility', at: now + 2000, state: 'hidden' },
            { kind: 'leave', at: now + 5000, reason: 'hangup' },
          ]),
        ],
      });

      expect(response.status).toBe(200);
      expect(response.body).toMatchObject({
        acceptedMessages: 5,
        rejectedMessages: 0,
        results: [
          { seq: 0, status: 'accepted', accepted: 2 },
          { seq: 1, status: 'accepted', accepted: 3 },
        ],
      });
      await flush();
      const [sample] = await queryTestDatabase<Record<string, unknown>>(
        'SELECT * FROM stats_sample WHERE participant_id = $1',
        [member.id],
      );
      expect(sample).toMatchObject({ session_id: session.sessionId, seq: '0', audio_packets_received: '500' });
      expect(sample?.ice_rtt_ms).toBeCloseTo(42);
      expect(sample?.rtcp_rtt_ms).toBeCloseTo(51);
      // Unknown stats types and fields are kept, not dropped.
      expect(sample?.stats).toEqual(
        expect.arrayContaining([expect.objectContaining({ type: 'some-future-type', newField: 'kept' })]),
      );
      // Privacy: IP addresses and ports are dropped before storage, the rest of the candidate kept.
      expect(sample?.stats).toEqual(
        expect.arrayContaining([
          { id: 'Ic1', type: 'local-candidate', timestamp: now, candidateType: 'host', protocol: 'udp' },
        ]),
      );
      expect(JSON.stringify(sample?.stats)).not.toContain('192.0.2.10');
      const events = await queryTestDatabase<{ type: string; state: string | null }>(
        'SELECT type, state FROM event WHERE participant_id = $1 ORDER BY at',
        [member.id],
      );
      expect(events).toEqual([
        { type: 'join', state: null },
        { type: 'visibility', state: 'hidden' },
        { type: 'leave', state: 'hangup' },
      ]);
      expect(await countRows('utterance', member.id)).toBe(1);
    });

    it('answers wrong types with 400, the JSON path and the reason, and keeps the valid messages of the batch', async () => {
      const now = Date.now();
      const badStats = statsMessage(now);
      (badStats.stats as Record<string, unknown>[])[2].packetsLost = 'three';
      const response = await as(member).post<ErrorBody>(ingestPath(), {
        envelopes: [
          envelope(of(member), 10, [
            statsMessage(now),
            badStats,
            { kind: 'telepathy', at: now },
            { kind: 'utterance', start: now, end: now - 5 },
            { kind: 'client-event', type: 'mic', at: now, state: 'off' },
          ]),
        ],
      });

      expect(response.status).toBe(400);
      expect(response.body.acceptedMessages).toBe(2);
      expect(response.body.details).toEqual(
        expect.arrayContaining([
          { path: '/envelopes/0/messages/1/stats/2/packetsLost', reason: expect.stringMatching(/number/) },
          { path: '/envelopes/0/messages/2/kind', reason: expect.stringMatching(/unknown message kind "telepathy"/) },
          { path: '/envelopes/0/messages/3/end', reason: expect.stringMatching(/before start/) },
        ]),
      );
      await flush();
      expect(await countRows('stats_sample', member.id)).toBe(1);
      expect(await countRows('event', member.id)).toBe(1);
      expect(await countRows('utterance', member.id)).toBe(0);
    });

    it('answers a collector embedded in another origin, preflight and errors included', async () => {
      const origin = { Origin: 'https://video.example' };
      const preflight = await fetch(testApp.baseUrl + ingestPath(), {
        method: 'OPTIONS',
        headers: {
          ...origin,
          'Access-Control-Request-Method': 'POST',
          'Access-Control-Request-Headers': 'authorization',
        },
      });
      const failed = await fetch(testApp.baseUrl + ingestPath(), {
        method: 'POST',
        headers: { ...origin, Authorization: `Bearer ${member.token}`, 'Content-Type': 'application/json' },
        body: '{"envelopes": [',
      });
      const management = await fetch(`${testApp.baseUrl}/api/v1/sessions`, { method: 'OPTIONS', headers: origin });

      expect(preflight.status).toBe(204);
      expect(preflight.headers.get('access-control-allow-origin')).toBe('*');
      expect(preflight.headers.get('access-control-allow-headers')).toMatch(/Authorization/);
      expect(failed.status).toBe(400);
      expect(failed.headers.get('access-control-allow-origin')).toBe('*');
      expect(management.headers.get('access-control-allow-origin')).toBeNull();
    });

    it('rejects malformed JSON with 400 and the parser’s reason', async () => {
      const response = await as(member).postRaw<ErrorBody>(ingestPath(), '{"envelopes": [ {"v": 1,');
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ path: '', reason: expect.stringMatching(/^malformed JSON/) }]);
    });

    it('rejects an oversize body with 413 and the limit', async () => {
      const huge = JSON.stringify({ envelopes: [], padding: 'x'.repeat(1024 * 1024 + 10) });
      const response = await as(member).postRaw<ErrorBody>(ingestPath(), huge);
      expect(response.status).toBe(413);
      expect(response.body.message).toMatch(/limit is 1048576 bytes/);
    });

    it('rejects a body that is not a batch', async () => {
      const response = await as(member).post<ErrorBody>(ingestPath(), [envelope(of(member), 0, [])]);
      expect(response.status).toBe(400);
      expect(response.body.details).toEqual([{ path: '/envelopes', reason: expect.any(String) }]);
    });

    it('needs a participant token, and refuses an expired one', async () => {
      const missing = await new ApiClient(testApp.baseUrl).post<ErrorBody>(ingestPath(), { envelopes: [] });
      expect(missing.status).toBe(401);
      expect(missing.body.message).toMatch(/token is required/);

      const expired = testApp.app.get(TokenService).issueIngestToken({
        sessionId: session.sessionId,
        participantId: member.id,
        role: 'member',
        ttlSeconds: -5,
      });
      const response = await new ApiClient(testApp.baseUrl, expired.token).post<ErrorBody>(ingestPath(), {
        envelopes: [],
      });
      expect(response.status).toBe(401);
      expect(response.body.message).toMatch(/expired/);

      const forged = await new ApiClient(testApp.baseUrl, member.token + 'x').post<ErrorBody>(ingestPath(), {
        envelopes: [],
      });
      expect(forged.status).toBe(401);
    });

    it('does not let one session’s or participant’s token write to another', async () => {
      const other = await createTestSession(admin, { memberCount: 1 });
      const intoOtherSession = await as(member).post<ErrorBody>(`/api/v1/sessions/${other.sessionId}/ingest`, {
        envelopes: [
          envelope({ sessionId: other.sessionId, participantId: other.members[0].id }, 0, [statsMessage(Date.now())]),
        ],
      });
      expect(intoOtherSession.status).toBe(403);

      const asOtherMember = await as(member).post<ErrorBody>(ingestPath(), {
        envelopes: [envelope(of(session.members[1]), 0, [statsMessage(Date.now())])],
      });
      expect(asOtherMember.status).toBe(400);
      expect(asOtherMember.body.details).toEqual([
        { path: '/envelopes/0/participantId', reason: 'the participant token is for another participant' },
      ]);
      await flush();
      expect(await countRows('stats_sample', other.members[0].id)).toBe(0);
      expect(await countRows('stats_sample', session.members[1].id)).toBe(0);
    });

    it('drops a replayed seq idempotently and acknowledges it as a duplicate', async () => {
      const batch = { envelopes: [envelope(of(member), 7, [statsMessage(Date.now())])] };
      expect((await as(member).post(ingestPath(), batch)).status).toBe(200);
      const replay = await as(member).post(ingestPath(), batch);
      expect(replay.status).toBe(200);
      expect(replay.body).toMatchObject({ duplicateEnvelopes: 1, results: [{ seq: 7, status: 'duplicate' }] });
      await flush();
      expect(await countRows('stats_sample', member.id)).toBe(1);
    });

    it('stores nothing before consent, then everything after the member consents', async () => {
      const unconsented = await createTestSession(admin, { memberCount: 1, consent: false });
      const newcomer = unconsented.members[0];
      const path = `/api/v1/sessions/${unconsented.sessionId}/ingest`;
      const at = Date.now();
      const ids = { sessionId: unconsented.sessionId, participantId: newcomer.id };

      const before = await as(newcomer).post<ErrorBody>(path, { envelopes: [envelope(ids, 0, [statsMessage(at)])] });
      expect(before.status).toBe(400);
      expect(before.body.details?.[0]?.reason).toMatch(/not consented to storage/);

      const after = await as(newcomer).post(path, {
        envelopes: [
          envelope(ids, 1, [
            { kind: 'client-event', type: 'consent', at, state: 'granted', scopes: ['storage'] },
            statsMessage(at),
          ]),
        ],
      });
      expect(after.status).toBe(200);
      await flush();
      expect(await countRows('stats_sample', newcomer.id)).toBe(1);
      const [participant] = await queryTestDatabase<{ consent_storage: boolean }>(
        'SELECT consent_storage FROM participant WHERE id = $1',
        [newcomer.id],
      );
      expect(participant?.consent_storage).toBe(true);
    });

    it('lets only the facilitator log facilitator events, with codes from the taxonomy', async () => {
      const at = Date.now();
      const event = { kind: 'facilitator-event', at, code: 'withdrawn', participantId: member.id };
      const byMember = await as(member).post<ErrorBody>(ingestPath(), {
        envelopes: [envelope(of(member), 0, [event])],
      });
      expect(byMember.status).toBe(400);
      expect(byMember.body.details?.[0]?.reason).toMatch(/only the facilitator/);

      const facilitator = session.facilitator;
      const byFacilitator = await as(facilitator).post<ErrorBody>(ingestPath(), {
        envelopes: [envelope(of(facilitator), 0, [event, { kind: 'facilitator-event', at, code: 'mind-reading' }])],
      });
      expect(byFacilitator.status).toBe(400);
      expect(byFacilitator.body.details).toEqual([
        { path: '/envelopes/0/messages/1/code', reason: expect.stringMatching(/not configured/) },
      ]);
      await flush();
      const [stored] = await queryTestDatabase<{ type: string; source: string; payload: { loggedBy: string } }>(
        "SELECT type, source, payload FROM event WHERE session_id = $1 AND source = 'facilitator'",
        [session.sessionId],
      );
      expect(stored).toEqual({ type: 'withdrawn', source: 'facilitator', payload: { loggedBy: facilitator.id } });
    });
  });

  describe('over the WebSocket', () => {
    const connect = (token: string) => IngestSocketClient.connect(`${testApp.wsUrl}/ingest`, token);

    it('acknowledges each envelope with its seq and stores its messages', async () => {
      const client = await connect(member.token);
      const now = Date.now();
      for (let seq = 0; seq < 3; seq++)
        client.send(envelope(of(member), seq, [statsMessage(now + seq * 1000, 500 + seq * 50)]));
      const acks = await client.waitForFrames(3);
      expect(acks).toEqual(
        [0, 1, 2].map((seq) => ({ type: 'ack', seq, status: 'accepted', accepted: 1, rejected: [] })),
      );
      client.close();
      await flush();
      expect(await countRows('stats_sample', member.id)).toBe(3);
    });

    it('stores delta-compressed stats as the full reports they stand for, and refuses an unknown baseline', async () => {
      const client = await connect(member.token);
      const now = Date.now();
      client.send(envelope(of(member), 0, [statsMessage(now, 500)]));
      expect(await client.waitForFrames(1)).toEqual([expect.objectContaining({ seq: 0, status: 'accepted' })]);
      const changes = [{ id: 'IT01A', packetsReceived: 550, bytesReceived: 66_000 }];
      client.send(
        envelope(of(member), 1, [
          { kind: 'stats', timestamp: now + 1000, peerConnectionId: 'pc-1', deltaOf: 0, stats: changes },
        ]),
      );
      client.send(
        envelope(of(member), 2, [
          { kind: 'stats', timestamp: now + 2000, peerConnectionId: 'pc-1', deltaOf: 99, stats: changes },
          { kind: 'utterance', start: now, end: now + 900 },
        ]),
      );
      const [, delta, unknownBaseline] = await client.waitForFrames(3);
      client.close();

      expect(delta).toEqual({ type: 'ack', seq: 1, status: 'accepted', accepted: 1, rejected: [] });
      expect(unknownBaseline).toMatchObject({
        seq: 2,
        status: 'partial',
        accepted: 1,
        rejected: [
          {
            index: 0,
            issues: [
              {
                path: '/messages/0/deltaOf',
                reason: 'no stored stats report of this peer connection has seq 99; send the full report',
              },
            ],
          },
        ],
      });
      await flush();
      const [full, resolved] = await queryTestDatabase<{ audio_packets_received: string; stats: RtcStats[] }>(
        'SELECT audio_packets_received, stats FROM stats_sample WHERE participant_id = $1 ORDER BY seq',
        [member.id],
      );
      expect(resolved?.audio_packets_received).toBe('550');
      const expected = (statsMessage(now + 1000, 550).stats as RtcStats[]).map((stats) =>
        stats.type === 'local-candidate' ? withoutSensitiveFields(stats) : stats,
      );
      expect(sortById(resolved?.stats ?? [])).toEqual(sortById(expected));
      expect(full?.stats).toHaveLength(expected.length);
    });

    it('answers a copy of an envelope with a rejected message `duplicate`, listing the rejection again, whichever way it came', async () => {
      // A collector resends by HTTP while its socket reconnects, and may see only one answer:
      // a bare `duplicate` would make it take the rejected delta for stored, and lose it.
      const client = await connect(member.token);
      const now = Date.now();
      const withUnknownBaseline = envelope(of(member), 5, [
        { kind: 'stats', timestamp: now, peerConnectionId: 'pc-1', deltaOf: 99, stats: [{ id: 'IT01A' }] },
        { kind: 'utterance', start: now - 900, end: now },
      ]);
      client.send(withUnknownBaseline);
      const [overHttp, [overSocket]] = await Promise.all([
        as(member).post<{ results: IngestAck[] }>(ingestPath(), { envelopes: [withUnknownBaseline] }),
        client.waitForFrames(1),
      ]);
      const answers = [overHttp.body.results[0], overSocket as unknown as IngestAck].map((answer) => ({
        status: answer?.status,
        accepted: answer?.accepted,
        rejected: answer?.rejected.map((rejection) => rejection.index),
      }));
      expect(answers).toEqual(
        expect.arrayContaining([
          { status: 'partial', accepted: 1, rejected: [0] },
          { status: 'duplicate', accepted: 0, rejected: [0] },
        ]),
      );
      // Later resends are answered the same way, and nothing is stored twice.
      client.send(withUnknownBaseline);
      const [, again] = await client.waitForFrames(2);
      expect(again).toMatchObject({ seq: 5, status: 'duplicate', rejected: [{ index: 0 }] });
      client.close();
      await flush();
      expect(await countRows('utterance', member.id)).toBe(1);
      expect(await countRows('stats_sample', member.id)).toBe(0);
    });

    it('answers bad frames with an error frame and keeps the connection and the valid data', async () => {
      const client = await connect(member.token);
      const now = Date.now();
      client.send('{"v":1,');
      client.send(envelope(of(member), 0, [statsMessage(now), { kind: 'stats', timestamp: 'yesterday', stats: [] }]));
      client.send(envelope({ sessionId: '00000000-0000-4000-8000-000000000000', participantId: member.id }, 1, []));
      client.send(envelope(of(member), 0, [statsMessage(now)]));
      client.send('x'.repeat(1024 * 1024 + 1));
      const [malformed, partial, otherSession, duplicate, tooLarge] = await client.waitForFrames(5);

      expect(malformed).toMatchObject({
        type: 'error',
        code: 'malformed-json',
        reason: expect.stringMatching(/^malformed JSON/),
      });
      expect(partial).toMatchObject({
        type: 'ack',
        seq: 0,
        status: 'partial',
        accepted: 1,
        rejected: [
          { index: 1, issues: expect.arrayContaining([{ path: '/messages/1/timestamp', reason: expect.any(String) }]) },
        ],
      });
      expect(otherSession).toMatchObject({
        type: 'ack',
        seq: 1,
        status: 'rejected',
        envelopeIssues: [{ path: '/sessionId', reason: 'the participant token is for another session' }],
      });
      expect(duplicate).toMatchObject({ type: 'ack', seq: 0, status: 'duplicate' });
      expect(tooLarge).toMatchObject({ type: 'error', code: 'payload-too-large' });
      expect(client.closeCode).toBeUndefined();
      client.close();
      await flush();
      expect(await countRows('stats_sample', member.id)).toBe(1);
    });

    it('closes a connection without a valid token with a clear reason', async () => {
      const anonymous = await IngestSocketClient.connect(`${testApp.wsUrl}/ingest`);
      expect(await anonymous.waitForClose()).toEqual({ code: 4401, reason: 'A participant token is required' });
      const forged = await connect('not-a-token');
      expect(await forged.waitForClose()).toEqual({ code: 4401, reason: 'The participant token is not valid' });
      // A token in the URL would be kept by every access log on the way: refused, and told where it goes.
      const inUrl = await IngestSocketClient.connect(`${testApp.wsUrl}/ingest?token=${member.token}`);
      expect(await inUrl.waitForClose()).toEqual({
        code: 4401,
        reason:
          "the token must not be in the URL: send it as the subprotocol 'bearer.<token>' or in the Authorization header",
      });
    });

    it('takes the token from an Authorization header too, for clients that can set one', async () => {
      const client = await IngestSocketClient.connect(`${testApp.wsUrl}/ingest`, member.token, 'header');
      client.send(envelope(of(member), 0, [statsMessage(Date.now())]));
      expect(await client.waitForFrames(1)).toEqual([expect.objectContaining({ seq: 0, status: 'accepted' })]);
      client.close();
    });

    it('selects the ingest subprotocol, which browsers require when they offered one', async () => {
      const client = await connect(member.token);
      expect(client.socket.protocol).toBe('attune-ingest.v1');
      client.close();
    });
  });
});

describe('Ingest rate limit', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp({ env: { ATTUNE_INGEST_RATE_PER_SECOND: '1', ATTUNE_INGEST_RATE_BURST: '3' } });
  });
  afterAll(() => testApp.close());

  it('answers envelopes beyond the per-connection budget with a rate-limited error and the time to wait', async () => {
    const admin = new ApiClient(testApp.baseUrl, testApp.adminToken);
    const session = await createTestSession(admin, { memberCount: 1 });
    const member = session.members[0];
    const client = await IngestSocketClient.connect(`${testApp.wsUrl}/ingest`, member.token);
    for (let seq = 0; seq < 5; seq++) {
      client.send(
        envelope({ sessionId: session.sessionId, participantId: member.id }, seq, [statsMessage(Date.now())]),
      );
    }
    const frames = await client.waitForFrames(5);
    expect(frames.slice(0, 3).map((frame) => frame.type)).toEqual(['ack', 'ack', 'ack']);
    expect(frames.slice(3)).toEqual([
      expect.objectContaining({ type: 'error', code: 'rate-limited', seq: 3, retryAfterMs: expect.any(Number) }),
      expect.objectContaining({ type: 'error', code: 'rate-limited', seq: 4 }),
    ]);
    client.close();

    const http = new ApiClient(testApp.baseUrl, member.token);
    const batch = [5, 6, 7, 8].map((seq) =>
      envelope({ sessionId: session.sessionId, participantId: member.id }, seq, []),
    );
    const limited = await http.post<ErrorBody>(`/api/v1/sessions/${session.sessionId}/ingest`, { envelopes: batch });
    expect(limited.status).toBe(429);
    expect(limited.headers.get('retry-after')).toMatch(/^\d+$/);
  });
});

describe('Ingest while the server shuts down', () => {
  let testApp: TestApp;
  beforeAll(async () => {
    testApp = await startTestApp();
  });
  afterAll(() => testApp.close());

  it('asks for everything again later instead of rejecting it, which would make collectors drop it', async () => {
    const admin = new ApiClient(testApp.baseUrl, testApp.adminToken);
    const session = await createTestSession(admin, { memberCount: 1 });
    const member = session.members[0];
    const of = { sessionId: session.sessionId, participantId: member.id };
    const client = await IngestSocketClient.connect(`${testApp.wsUrl}/ingest`, member.token);
    client.send(envelope(of, 0, [statsMessage(Date.now())]));
    await client.waitForFrames(1);

    // The first shutdown step: ingest stops taking data (the sockets close in a later one).
    await testApp.app.get(IngestService).beforeApplicationShutdown();
    client.send(envelope(of, 1, [statsMessage(Date.now() + 1000)]));
    const [, refused] = await client.waitForFrames(2);
    expect(refused).toEqual({
      type: 'error',
      code: 'internal',
      seq: 1,
      reason: expect.stringContaining('shutting down'),
      retryAfterMs: 5000,
    });
    client.close();

    const http = await new ApiClient(testApp.baseUrl, member.token).post<ErrorBody & { retryAfterMs?: number }>(
      `/api/v1/sessions/${session.sessionId}/ingest`,
      { envelopes: [envelope(of, 2, [statsMessage(Date.now() + 2000)])] },
    );
    expect(http.status).toBe(503);
    expect(http.headers.get('retry-after')).toBe('5');
    expect(http.body.retryAfterMs).toBe(5000);
  });
});

function sortById(stats: RtcStats[]): RtcStats[] {
  return [...stats].sort((a, b) => a.id.localeCompare(b.id));
}
