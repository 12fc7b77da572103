import { ApiClient } from './support/api-client';
import { envelope, statsMessage } from './support/envelopes';
import { createTestSession } from './support/session-fixture';
import { startTestApp, TestApp } from './support/test-app';

interface ErrorBody {
  statusCode: number;
  message: string;
  details?: { path: string; reason: string }[];
}

describe('Session management API', () => {
  let testApp: TestApp;
  let admin: ApiClient;

  beforeAll(async () => {
    testApp = await startTestApp();
    admin = new ApiClient(testApp.baseUrl, testApp.adminToken);
  });
  afterAll(() => testApp.close());

  it('creates a session with its facilitator, adds members and lists them, without leaking entities', async () => {
    const { sessionId, members, facilitator } = await createTestSession(admin, { memberCount: 2, start: false });
    const response = await admin.get<Record<string, unknown>>(`/api/v1/sessions/${sessionId}`);
    expect(response.status).toBe(200);
    expect(response.body).toEqual({
      id: sessionId,
      groupId: expect.any(String),
      title: null,
      scheduledStart: expect.stringMatching(/Z$/),
      status: 'scheduled',
      startedAt: null,
      endedAt: null,
      participants: expect.arrayContaining([
        {
          id: facilitator.id,
          sessionId,
          displayName: 'Facilitator',
          role: 'facilitator',
          consent: { storage: false, research: false },
        },
        {
          id: members[0].id,
          sessionId,
          displayName: 'Member 1',
          role: 'member',
          consent: { storage: true, research: false },
        },
      ]),
    });
    const list = await admin.get<{ id: string }[]>('/api/v1/sessions');
    expect(list.body.map((session) => session.id)).toContain(sessionId);
  });

  it('answers invalid requests with 400 and the path of each problem, and refuses unknown fields', async () => {
    const response = await admin.post<ErrorBody>('/api/v1/sessions', {
      groupId: 'not-a-uuid',
      scheduledStart: 'tomorrow',
      facilitator: { displayName: '' },
      colour: 'blue',
    });
    expect(response.status).toBe(400);
    const paths = response.body.details?.map((detail) => detail.path);
    expect(paths).toEqual(
      expect.arrayContaining(['/groupId', '/scheduledStart', '/facilitator/displayName', '/colour']),
    );
    expect(response.body.details).toEqual(
      expect.arrayContaining([{ path: '/colour', reason: 'property colour should not exist' }]),
    );
  });

  it('answers 404 for a group or session that does not exist', async () => {
    const missing = '00000000-0000-4000-8000-000000000000';
    expect((await admin.get(`/api/v1/sessions/${missing}`)).status).toBe(404);
    const response = await admin.post<ErrorBody>('/api/v1/sessions', {
      groupId: missing,
      scheduledStart: new Date().toISOString(),
      facilitator: { displayName: 'Dr. Rivera' },
    });
    expect(response.status).toBe(404);
    expect(response.body.message).toBe('Group not found');
  });

  it('guards every management endpoint: no token is 401, a participant token is 403', async () => {
    const { members } = await createTestSession(admin, { memberCount: 1 });
    expect((await new ApiClient(testApp.baseUrl).get('/api/v1/sessions')).status).toBe(401);
    const asMember = await new ApiClient(testApp.baseUrl, members[0].token).get<ErrorBody>('/api/v1/sessions');
    expect(asMember.status).toBe(403);
    expect(asMember.body.message).toBe('This endpoint needs the admin token');
  });

  it('starts and ends a session; an ended session accepts no more data and issues no tokens', async () => {
    const { sessionId, members } = await createTestSession(admin, { memberCount: 1, start: false });
    const started = await admin.post<{ status: string; startedAt: string }>(`/api/v1/sessions/${sessionId}/start`);
    expect(started.body).toMatchObject({ status: 'live', startedAt: expect.any(String) });
    const ended = await admin.post<{ status: string; endedAt: string }>(`/api/v1/sessions/${sessionId}/end`);
    expect(ended.body).toMatchObject({ status: 'ended', endedAt: expect.any(String) });

    expect((await admin.post(`/api/v1/sessions/${sessionId}/start`)).status).toBe(409);
    const token = await admin.post<ErrorBody>(`/api/v1/sessions/${sessionId}/participants/${members[0].id}/tokens`, {});
    expect(token.status).toBe(409);

    const member = members[0];
    const ingest = await new ApiClient(testApp.baseUrl, member.token).post<ErrorBody>(
      `/api/v1/sessions/${sessionId}/ingest`,
      { envelopes: [envelope({ sessionId, participantId: member.id }, 0, [statsMessage(Date.now())])] },
    );
    expect(ingest.status).toBe(400);
    expect(ingest.body.details).toEqual([
      { path: '/envelopes/0/sessionId', reason: 'the session has ended; no more data is accepted' },
    ]);
  });

  it('issues a token that expires when asked, scoped to its participant', async () => {
    const { sessionId, members } = await createTestSession(admin, { memberCount: 1 });
    const response = await admin.post<{ token: string; expiresAt: string; participantId: string }>(
      `/api/v1/sessions/${sessionId}/participants/${members[0].id}/tokens`,
      { ttlSeconds: 120 },
    );
    expect(response.status).toBe(201);
    const lifetime = new Date(response.body.expiresAt).getTime() - Date.now();
    expect(lifetime).toBeGreaterThan(100_000);
    expect(lifetime).toBeLessThanOrEqual(120_000);
    expect(response.body.participantId).toBe(members[0].id);
  });

  it('serves the OpenAPI document with the ingest schema and a health check', async () => {
    const docs = await new ApiClient(testApp.baseUrl).get<{ paths: Record<string, unknown> }>('/api/docs-json');
    expect(docs.status).toBe(200);
    expect(Object.keys(docs.body.paths)).toEqual(
      expect.arrayContaining(['/api/v1/sessions', '/api/v1/sessions/{sessionId}/ingest']),
    );
    expect(JSON.stringify(docs.body.paths['/api/v1/sessions/{sessionId}/ingest'])).toContain('envelopes');
    expect((await new ApiClient(testApp.baseUrl).get('/api/v1/health')).body).toEqual({ status: 'ok' });
  });
});
