import { join } from 'node:path';
import type { DataSourceOptions } from 'typeorm';
import { STORAGE_ENTITIES } from './entities';
import { STORAGE_MIGRATIONS } from './migrations';
import { createPgliteDriver } from './pglite/pglite-driver';
import { SnakeNamingStrategy } from './snake-naming.strategy';

export interface StorageConfig {
  /** PostgreSQL when set; otherwise the embedded PGlite database under `dataDir`. */
  databaseUrl?: string;
  dataDir: string;
}

/**
 * How long a query waits for the embedded database's only connection before failing, rather
 * than hanging for ever on a deadlock (a DataSource query inside a transaction callback).
 */
const EMBEDDED_CONNECT_TIMEOUT_MS = 60_000;

/**
 * The same entities and the same PostgreSQL-dialect migrations on both databases. Migrations
 * are run explicitly at start-up by {@link runStorageMigrations}, never by `synchronize`.
 */
export function createDataSourceOptions(config: StorageConfig): DataSourceOptions {
  const common = {
    type: 'postgres',
    entities: STORAGE_ENTITIES,
    migrations: STORAGE_MIGRATIONS,
    migrationsTableName: 'typeorm_migration',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    // gen_random_uuid() is built in since PostgreSQL 13 and in PGlite: no extension to
    // install, so no superuser needed (and PGlite cannot CREATE EXTENSION "uuid-ossp").
    installExtensions: false,
    uuidExtension: 'pgcrypto',
  } as const;
  if (config.databaseUrl !== undefined) {
    return { ...common, url: config.databaseUrl, applicationName: 'attune' };
  }
  return {
    ...common,
    driver: createPgliteDriver(join(config.dataDir, 'pglite')),
    poolSize: 1,
    connectTimeoutMS: EMBEDDED_CONNECT_TIMEOUT_MS,
  };
}
