import { Client } from 'pg';
import { testDatabaseUrl } from './test-app';

/** Reads the test database directly, to check what was really stored. */
export async function queryTestDatabase<Row>(sql: string, params: unknown[] = []): Promise<Row[]> {
  const client = new Client({ connectionString: testDatabaseUrl() });
  await client.connect();
  try {
    return (await client.query(sql, params)).rows as Row[];
  } finally {
    await client.end();
  }
}

export async function countRows(table: 'stats_sample' | 'event' | 'utterance', participantId: string): Promise<number> {
  const [row] = await queryTestDatabase<{ count: string }>(
    `SELECT count(*) AS count FROM ${table} WHERE participant_id = $1`,
    [participantId],
  );
  return Number(row?.count ?? 0);
}
