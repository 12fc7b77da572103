import type { MigrationInterface, QueryRunner } from 'typeorm';

/** The final snapshot and report of each ended session (SessionOutcome). Reviewed by hand. */
export class SessionOutcomes1795800000000 implements MigrationInterface {
  name = 'SessionOutcomes1795800000000';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "session_outcome" ("session_id" uuid NOT NULL, "final_snapshot" jsonb, "report" jsonb, "recorded_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "pk_session_outcome" PRIMARY KEY ("session_id"))`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`DROP TABLE "session_outcome"`);
  }
}
