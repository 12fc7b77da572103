import 'reflect-metadata';
import { DataSource } from 'typeorm';
import { createDataSourceOptions } from './data-source';

/**
 * For the TypeORM CLI only (the app builds its DataSource in StorageModule). ts-node is not
 * installed, so compile first and point the CLI at the compiled file, e.g.
 *
 *   npx tsc -p tsconfig.build.json --outDir /tmp/attune-dist
 *   DATABASE_URL=postgres://… npx typeorm migration:generate \
 *     -d /tmp/attune-dist/apps/api/src/storage/migration-data-source.js \
 *     apps/api/src/storage/migrations/<Name>
 *
 * then review the file, move it next to the others and add it to STORAGE_MIGRATIONS.
 * Without DATABASE_URL it uses the embedded database in ATTUNE_DATA_DIR (default ./data).
 */
export default new DataSource(
  createDataSourceOptions({
    databaseUrl: process.env.DATABASE_URL?.trim() || undefined,
    dataDir: process.env.ATTUNE_DATA_DIR?.trim() || './data',
  }),
);
