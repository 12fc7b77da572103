/** Shared by global setup and teardown, which run in jest's parent process. */
export const TEST_DATABASE_ENV = 'ATTUNE_TEST_DATABASE_URL';
export const TEST_DATABASE_NAME_ENV = 'ATTUNE_TEST_DATABASE_NAME';
export const ADMIN_DATABASE_ENV = 'ATTUNE_TEST_ADMIN_DATABASE_URL';

export function adminDatabaseUrl(): string {
  return process.env.DATABASE_URL?.trim() || 'postgres://postgres@127.0.0.1:5432/test';
}

/** The same server and credentials, another database. */
export function withDatabase(url: string, database: string): string {
  const parsed = new URL(url);
  parsed.pathname = `/${database}`;
  return parsed.toString();
}

/** For messages: never print a password. */
export function redactPassword(url: string): string {
  const parsed = new URL(url);
  if (parsed.password) parsed.password = '***';
  return parsed.toString();
}
