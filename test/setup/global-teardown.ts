import { Client } from 'pg';
import { ADMIN_DATABASE_ENV, TEST_DATABASE_NAME_ENV } from './test-database';

/** Drops the run's database; ATTUNE_KEEP_TEST_DATABASE=1 keeps it for a post-mortem. */
export default async function globalTeardown(): Promise<void> {
  const name = process.env[TEST_DATABASE_NAME_ENV];
  const adminUrl = process.env[ADMIN_DATABASE_ENV];
  if (!name || !adminUrl) return;
  if (process.env.ATTUNE_KEEP_TEST_DATABASE === '1') {
    process.stdout.write(`\nKept the test database ${name}\n`);
    return;
  }
  const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  await admin.connect();
  try {
    // FORCE: a test that leaked a connection must not leave the database behind.
    await admin.query(`DROP DATABASE IF EXISTS "${name}" WITH (FORCE)`);
  } finally {
    await admin.end();
  }
}
