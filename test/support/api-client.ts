/** A small fetch wrapper for the e2e tests: JSON in, status and JSON out. */
export interface ApiResponse<Body = unknown> {
  status: number;
  body: Body;
  headers: Headers;
}

export class ApiClient {
  constructor(
    private readonly baseUrl: string,
    private readonly token?: string,
  ) {}

  withToken(token: string | undefined): ApiClient {
    return new ApiClient(this.baseUrl, token);
  }

  get<Body = unknown>(path: string): Promise<ApiResponse<Body>> {
    return this.request<Body>('GET', path);
  }

  post<Body = unknown>(path: string, body?: unknown): Promise<ApiResponse<Body>> {
    return this.request<Body>('POST', path, body === undefined ? undefined : JSON.stringify(body));
  }

  /** Sends a raw body as it is, for malformed or oversize input. */
  postRaw<Body = unknown>(path: string, rawBody: string): Promise<ApiResponse<Body>> {
    return this.request<Body>('POST', path, rawBody);
  }

  private async request<Body>(method: string, path: string, body?: string): Promise<ApiResponse<Body>> {
    const response = await fetch(this.baseUrl + path, {
      method,
      headers: {
        ...(body !== undefined ? { 'content-type': 'application/json' } : {}),
        ...(this.token ? { authorization: `Bearer ${this.token}` } : {}),
      },
      body,
    });
    const text = await response.text();
    return { status: response.status, body: (text ? JSON.parse(text) : undefined) as Body, headers: response.headers };
  }
}
