import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The live alerts (apps/api/src/alerts): one row per alert, read by session; and each
 * organisation's threshold overrides (null: the defaults). Generated from the entities and
 * reviewed. Adding a nullable column changes only the catalogue, so it does not rewrite the
 * organisation table.
 */
export class Alerts1795700012424 implements MigrationInterface {
  name = 'Alerts1795700012424';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "alert" ("id" uuid NOT NULL, "session_id" uuid NOT NULL, "participant_id" uuid, "rule" text NOT NULL, "severity" text NOT NULL, "message" text NOT NULL, "raised_at" TIMESTAMP WITH TIME ZONE, "cleared_at" TIMESTAMP WITH TIME ZONE, "acknowledged_at" TIMESTAMP WITH TIME ZONE, "snoozed_until" TIMESTAMP WITH TIME ZONE, "queued_at" TIMESTAMP WITH TIME ZONE, CONSTRAINT "ck_alert_severity" CHECK ("severity" IN ('gentle', 'standard')), CONSTRAINT "pk_alert" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_alert_session_id" ON "alert" ("session_id")`);
    await queryRunner.query(`ALTER TABLE "organisation" ADD "alert_settings" jsonb`);
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "organisation" DROP COLUMN "alert_settings"`);
    await queryRunner.query(`DROP INDEX "public"."ix_alert_session_id"`);
    await queryRunner.query(`DROP TABLE "alert"`);
  }
}
