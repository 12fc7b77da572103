import { MigrationExecutor, type DataSource, type Migration } from 'typeorm';

/** An arbitrary constant shared by every Attune instance: "Attu" in ASCII. */
const MIGRATION_LOCK_KEY = 0x41747475;

/**
 * Runs pending migrations in one transaction. TypeORM takes no lock of its own, so two
 * instances starting together on one PostgreSQL would both try to create the same tables;
 * a session advisory lock on the migrating connection lets one migrate while the other
 * waits, then finds nothing to do. On PGlite (one process, one connection) it costs nothing.
 */
export async function runStorageMigrations(dataSource: DataSource): Promise<Migration[]> {
  const queryRunner = dataSource.createQueryRunner();
  try {
    await queryRunner.query('SELECT pg_advisory_lock($1)', [MIGRATION_LOCK_KEY]);
    try {
      const executor = new MigrationExecutor(dataSource, queryRunner);
      executor.transaction = 'all';
      return await executor.executePendingMigrations();
    } finally {
      await queryRunner.query('SELECT pg_advisory_unlock($1)', [MIGRATION_LOCK_KEY]);
    }
  } finally {
    await queryRunner.release();
  }
}
