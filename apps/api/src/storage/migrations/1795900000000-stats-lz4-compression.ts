import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * Stats reports (2–5 KB of JSON each) are compressed as they are stored. lz4 stores them in
 * about two thirds of the database time of the default pglz, for the same size on disk
 * (docs/decisions/0005-ingest-backpressure-and-copy.md). It needs PostgreSQL 14 or later built
 * with lz4, as Debian's and the official images are; where it is missing (PGlite), the
 * default stays.
 */
export class StatsLz4Compression1795900000000 implements MigrationInterface {
  name = 'StatsLz4Compression1795900000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    if (await lz4Available(queryRunner)) {
      await queryRunner.query(`ALTER TABLE "stats_sample" ALTER COLUMN "stats" SET COMPRESSION lz4`);
    }
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    if (await lz4Available(queryRunner)) {
      await queryRunner.query(`ALTER TABLE "stats_sample" ALTER COLUMN "stats" SET COMPRESSION default`);
    }
  }
}

async function lz4Available(queryRunner: QueryRunner): Promise<boolean> {
  const rows = (await queryRunner.query(
    `SELECT 'lz4' = ANY(enumvals) AS available FROM pg_settings WHERE name = 'default_toast_compression'`,
  )) as Array<{ available: boolean }>;
  return rows[0]?.available === true;
}
