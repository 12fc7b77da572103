import { ApiClient } from './api-client';

export interface TestParticipant {
  id: string;
  token: string;
  role: 'member' | 'facilitator';
}

export interface TestSession {
  sessionId: string;
  facilitator: TestParticipant;
  members: TestParticipant[];
}

/**
 * Creates an organisation, a group and a session with `memberCount` members through the
 * management API, as an integrator would, and issues every participant an ingest token.
 */
export async function createTestSession(
  admin: ApiClient,
  options: { memberCount?: number; consent?: boolean; start?: boolean } = {},
): Promise<TestSession> {
  const { memberCount = 2, consent = true, start = true } = options;
  const organisation = await expectCreated<{ id: string }>(
    admin.post('/api/v1/organisations', { name: 'Test organisation' }),
  );
  const group = await expectCreated<{ id: string }>(
    admin.post('/api/v1/groups', { organisationId: organisation.id, name: 'Test group' }),
  );
  const session = await expectCreated<{ id: string; participants: { id: string; role: string }[] }>(
    admin.post('/api/v1/sessions', {
      groupId: group.id,
      scheduledStart: new Date().toISOString(),
      facilitator: { displayName: 'Facilitator' },
    }),
  );
  const facilitatorId = session.participants.find((participant) => participant.role === 'facilitator')?.id;
  if (!facilitatorId) throw new Error('a new session must include its facilitator');
  const members: TestParticipant[] = [];
  for (let index = 0; index < memberCount; index++) {
    const member = await expectCreated<{ id: string }>(
      admin.post(`/api/v1/sessions/${session.id}/participants`, {
        displayName: `Member ${index + 1}`,
        ...(consent ? { consent: { storage: true } } : {}),
      }),
    );
    members.push({ id: member.id, token: await issueToken(admin, session.id, member.id), role: 'member' });
  }
  if (start) await expectStatus(admin.post(`/api/v1/sessions/${session.id}/start`), 200);
  return {
    sessionId: session.id,
    facilitator: { id: facilitatorId, token: await issueToken(admin, session.id, facilitatorId), role: 'facilitator' },
    members,
  };
}

export async function issueToken(admin: ApiClient, sessionId: string, participantId: string): Promise<string> {
  const response = await expectCreated<{ token: string }>(
    admin.post(`/api/v1/sessions/${sessionId}/participants/${participantId}/tokens`, {}),
  );
  return response.token;
}

async function expectCreated<Body>(request: Promise<{ status: number; body: unknown }>): Promise<Body> {
  return (await expectStatus(request, 201)) as Body;
}

async function expectStatus(request: Promise<{ status: number; body: unknown }>, status: number): Promise<unknown> {
  const response = await request;
  if (response.status !== status) {
    throw new Error(`expected HTTP ${status}, got ${response.status}: ${JSON.stringify(response.body)}`);
  }
  return response.body;
}
