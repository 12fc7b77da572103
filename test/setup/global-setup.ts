import 'reflect-metadata';
import { randomBytes } from 'node:crypto';
import { Client } from 'pg';
import { DataSource } from 'typeorm';
import { createDataSourceOptions } from '../../apps/api/src/storage/data-source';
import { runStorageMigrations } from '../../apps/api/src/storage/run-migrations';
import globalTeardown from './global-teardown';
import {
  ADMIN_DATABASE_ENV,
  adminDatabaseUrl,
  redactPassword,
  TEST_DATABASE_ENV,
  TEST_DATABASE_NAME_ENV,
  withDatabase,
} from './test-database';

/**
 * Creates a fresh database for this run and migrates it once; tests read its URL from
 * ATTUNE_TEST_DATABASE_URL (workers inherit the parent's environment). A random name keeps
 * concurrent runs on one server apart. Without PostgreSQL the run fails: it never skips.
 */
export default async function globalSetup(): Promise<void> {
  const adminUrl = adminDatabaseUrl();
  const name = `attune_test_${randomBytes(6).toString('hex')}`;
  const admin = new Client({ connectionString: adminUrl, connectionTimeoutMillis: 5_000 });
  try {
    await admin.connect();
  } catch (error) {
    throw new Error(
      `The e2e tests need PostgreSQL and could not connect to ${redactPassword(adminUrl)}: ` +
        `${error instanceof Error ? error.message : String(error)}. Start PostgreSQL, or set ` +
        'DATABASE_URL to a role that may CREATE DATABASE.',
    );
  }
  try {
    await admin.query(`CREATE DATABASE "${name}"`);
  } finally {
    await admin.end();
  }

  const url = withDatabase(adminUrl, name);
  process.env[ADMIN_DATABASE_ENV] = adminUrl;
  process.env[TEST_DATABASE_NAME_ENV] = name;
  process.env[TEST_DATABASE_ENV] = url;

  try {
    const dataSource = await new DataSource(createDataSourceOptions({ databaseUrl: url, dataDir: '' })).initialize();
    try {
      await runStorageMigrations(dataSource);
    } finally {
      await dataSource.destroy();
    }
  } catch (error) {
    // Jest skips the teardown when the setup fails: drop the database here instead.
    await globalTeardown();
    throw error;
  }
}
