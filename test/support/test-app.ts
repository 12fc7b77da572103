import { INestApplication } from '@nestjs/common';
import { randomBytes } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { createAttuneApp } from '../../apps/api/src/bootstrap/create-app';
import { loadAppConfig } from '../../apps/api/src/config/app-config';

export interface TestApp {
  app: INestApplication;
  baseUrl: string;
  wsUrl: string;
  adminToken: string;
  tokenSecret: string;
  close(): Promise<void>;
}

export interface TestAppOptions {
  /** Extra environment, e.g. a small rate limit for one test. */
  env?: Record<string, string>;
  /** Reuse secrets across a restart so earlier tokens stay valid. */
  adminToken?: string;
  tokenSecret?: string;
}

/** The e2e database made by test/setup/global-setup.ts; failing loudly if it is missing. */
export function testDatabaseUrl(): string {
  const url = process.env.ATTUNE_TEST_DATABASE_URL;
  if (!url) throw new Error('ATTUNE_TEST_DATABASE_URL is not set: run the e2e tests through jest (global setup)');
  return url;
}

/** Starts the real server, the one `npm start` runs, on a free port against the test database. */
export async function startTestApp(options: TestAppOptions = {}): Promise<TestApp> {
  const adminToken = options.adminToken ?? randomBytes(24).toString('base64url');
  const tokenSecret = options.tokenSecret ?? randomBytes(24).toString('base64url');
  const config = loadAppConfig({
    DATABASE_URL: testDatabaseUrl(),
    ATTUNE_ADMIN_TOKEN: adminToken,
    ATTUNE_TOKEN_SECRET: tokenSecret,
    PORT: '0',
    ...options.env,
  });
  const { app } = await createAttuneApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const { port } = (app.getHttpServer() as { address(): AddressInfo }).address();
  return {
    app,
    baseUrl: `http://127.0.0.1:${port}`,
    wsUrl: `ws://127.0.0.1:${port}`,
    adminToken,
    tokenSecret,
    close: () => app.close(),
  };
}
