import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * What the live pipeline stores besides metric windows: closed distraction episodes, and
 * utterances estimated from energy stats, told apart from device utterances by `source`.
 * Generated from the entities and reviewed; the episode unique index is hand-written
 * (NULLS NOT DISTINCT, see Episode). Adding `source` with a constant default changes only the
 * catalogue on PostgreSQL 11+, so it does not rewrite a large utterance table.
 */
export class PipelineOutputs1795697594204 implements MigrationInterface {
  name = 'PipelineOutputs1795697594204';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "episode" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "session_id" uuid NOT NULL, "participant_id" uuid, "type" text NOT NULL, "start_at" TIMESTAMP WITH TIME ZONE NOT NULL, "end_at" TIMESTAMP WITH TIME ZONE NOT NULL, "duration_seconds" double precision NOT NULL, "ended_by" text NOT NULL, "detail" text, CONSTRAINT "pk_episode" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_episode_session_start_at" ON "episode" ("session_id", "start_at")`);
    // Written by hand: TypeORM cannot express NULLS NOT DISTINCT (see Episode).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_episode_scope" ON "episode" ("session_id", "participant_id", "type", "start_at") NULLS NOT DISTINCT`,
    );
    await queryRunner.query(`ALTER TABLE "utterance" ADD "source" text NOT NULL DEFAULT 'device'`);
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_utterance_estimated_start" ON "utterance" ("session_id", "participant_id", "start_at") WHERE "source" = 'energy'`,
    );
    await queryRunner.query(
      `ALTER TABLE "utterance" ADD CONSTRAINT "ck_utterance_source" CHECK ("source" IN ('device', 'energy'))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "utterance" DROP CONSTRAINT "ck_utterance_source"`);
    await queryRunner.query(`DROP INDEX "public"."uq_utterance_estimated_start"`);
    await queryRunner.query(`ALTER TABLE "utterance" DROP COLUMN "source"`);
    await queryRunner.query(`DROP INDEX "public"."uq_episode_scope"`);
    await queryRunner.query(`DROP INDEX "public"."ix_episode_session_start_at"`);
    await queryRunner.query(`DROP TABLE "episode"`);
  }
}
