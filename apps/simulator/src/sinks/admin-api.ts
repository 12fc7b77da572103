/**
 * The management API as an integrator uses it (admin token): an organisation, a group, a
 * session with its facilitator, members with consent, ingest tokens, start and end, the
 * facilitator's dashboard link. Errors name the step and carry the server's message.
 */
export class AdminApi {
  constructor(
    readonly baseUrl: string,
    private readonly adminToken: string,
  ) {}

  async health(): Promise<boolean> {
    try {
      const response = await fetch(new URL('/api/v1/health', this.baseUrl));
      return response.ok;
    } catch {
      return false;
    }
  }

  async createOrganisation(name: string): Promise<{ id: string }> {
    return this.post('create the organisation', '/api/v1/organisations', { name });
  }

  async createGroup(organisationId: string, name: string): Promise<{ id: string }> {
    return this.post('create the group', '/api/v1/groups', { organisationId, name });
  }

  async createSession(input: {
    groupId: string;
    title: string;
    scheduledStart: Date;
    facilitatorName: string;
  }): Promise<{ id: string; facilitatorId: string }> {
    const session = await this.post<{ id: string; participants: Array<{ id: string; role: string }> }>(
      'create the session',
      '/api/v1/sessions',
      {
        groupId: input.groupId,
        title: input.title,
        scheduledStart: input.scheduledStart.toISOString(),
        facilitator: { displayName: input.facilitatorName },
      },
    );
    const facilitator = session.participants.find((participant) => participant.role === 'facilitator');
    if (!facilitator) throw new Error('The new session has no facilitator; is this an Attune server?');
    return { id: session.id, facilitatorId: facilitator.id };
  }

  async addMember(sessionId: string, displayName: string): Promise<{ id: string }> {
    // Simulated members have consented to storage, as the video app would have asked them.
    return this.post('add a member', `/api/v1/sessions/${sessionId}/participants`, {
      displayName,
      consent: { storage: true, research: true },
    });
  }

  async issueIngestToken(sessionId: string, participantId: string, ttlSeconds: number): Promise<string> {
    const issued = await this.post<{ token: string }>(
      'issue an ingest token',
      `/api/v1/sessions/${sessionId}/participants/${participantId}/tokens`,
      { ttlSeconds },
    );
    return issued.token;
  }

  async startSession(sessionId: string): Promise<void> {
    await this.post('start the session', `/api/v1/sessions/${sessionId}/start`);
  }

  async endSession(sessionId: string): Promise<void> {
    await this.post('end the session', `/api/v1/sessions/${sessionId}/end`);
  }

  /** The facilitator's live view of the session, as an absolute URL. */
  async facilitatorLink(sessionId: string): Promise<string> {
    const link = await this.post<{ url: string }>(
      'issue the facilitator link',
      `/api/v1/sessions/${sessionId}/facilitator-link`,
    );
    return new URL(link.url, this.baseUrl).toString();
  }

  private async post<Body>(step: string, path: string, body?: unknown): Promise<Body> {
    let response: Response;
    try {
      response = await fetch(new URL(path, this.baseUrl), {
        method: 'POST',
        headers: {
          authorization: `Bearer ${this.adminToken}`,
          ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        },
        body: body === undefined ? undefined : JSON.stringify(body),
      });
    } catch (error) {
      throw new Error(`Could not ${step}: no answer from ${this.baseUrl} (${describe(error)})`);
    }
    const text = await response.text();
    if (!response.ok) {
      const hint = response.status === 401 ? ' (is --admin-token right?)' : '';
      throw new Error(`Could not ${step}: HTTP ${response.status}${hint} ${messageOf(text)}`);
    }
    return (text ? JSON.parse(text) : undefined) as Body;
  }
}

function messageOf(text: string): string {
  try {
    const parsed = JSON.parse(text) as { message?: unknown };
    return typeof parsed.message === 'string' ? parsed.message : '';
  } catch {
    return '';
  }
}

function describe(error: unknown): string {
  if (error instanceof Error) {
    const cause = (error as { cause?: unknown }).cause;
    return cause instanceof Error ? cause.message : error.message;
  }
  return String(error);
}
