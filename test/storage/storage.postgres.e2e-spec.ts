import { describeStorage } from './storage-suite';

jest.setTimeout(60_000);

function testDatabaseUrl(): string {
  const url = process.env.ATTUNE_TEST_DATABASE_URL;
  if (!url) throw new Error('ATTUNE_TEST_DATABASE_URL is not set: run the e2e tests through jest (global setup)');
  return url;
}

describeStorage('PostgreSQL', { newStorage: async () => ({ databaseUrl: testDatabaseUrl(), dataDir: '' }) });
