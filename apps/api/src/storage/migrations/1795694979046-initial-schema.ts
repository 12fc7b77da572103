import type { MigrationInterface, QueryRunner } from 'typeorm';

/**
 * The first schema, generated from the entities (TypeORM's schema builder, identical on
 * PostgreSQL 15 and on PGlite) and reviewed; the metric_window unique index is hand-written.
 */
export class InitialSchema1795694979046 implements MigrationInterface {
  name = 'InitialSchema1795694979046';

  async up(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(
      `CREATE TABLE "metric_window" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "session_id" uuid NOT NULL, "participant_id" uuid, "window_start" TIMESTAMP WITH TIME ZONE NOT NULL, "window_seconds" integer NOT NULL, "metrics" jsonb NOT NULL, "metric_version" integer NOT NULL, CONSTRAINT "pk_metric_window" PRIMARY KEY ("id"))`,
    );
    // Written by hand: TypeORM cannot express NULLS NOT DISTINCT (see MetricWindow).
    await queryRunner.query(
      `CREATE UNIQUE INDEX "uq_metric_window_scope" ON "metric_window" ("session_id", "participant_id", "window_start", "window_seconds") NULLS NOT DISTINCT`,
    );
    await queryRunner.query(
      `CREATE TABLE "organisation" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_organisation" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE TABLE "therapy_group" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "organisation_id" uuid NOT NULL, "name" text NOT NULL, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "pk_therapy_group" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_therapy_group_organisation" ON "therapy_group" ("organisation_id")`);
    await queryRunner.query(
      `CREATE TABLE "therapy_session" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "group_id" uuid NOT NULL, "title" text, "scheduled_start" TIMESTAMP WITH TIME ZONE NOT NULL, "status" text NOT NULL DEFAULT 'scheduled', "started_at" TIMESTAMP WITH TIME ZONE, "ended_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_therapy_session_status" CHECK ("status" IN ('scheduled', 'live', 'ended')), CONSTRAINT "pk_therapy_session" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_therapy_session_group_scheduled_start" ON "therapy_session" ("group_id", "scheduled_start")`,
    );
    await queryRunner.query(
      `CREATE TABLE "participant" ("id" uuid NOT NULL DEFAULT gen_random_uuid(), "session_id" uuid NOT NULL, "display_name" text NOT NULL, "role" text NOT NULL, "consent_storage" boolean NOT NULL DEFAULT false, "consent_research" boolean NOT NULL DEFAULT false, "consent_updated_at" TIMESTAMP WITH TIME ZONE, "created_at" TIMESTAMP WITH TIME ZONE NOT NULL DEFAULT now(), CONSTRAINT "ck_participant_role" CHECK ("role" IN ('member', 'facilitator')), CONSTRAINT "pk_participant" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_participant_session" ON "participant" ("session_id")`);
    await queryRunner.query(
      `CREATE TABLE "event" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "session_id" uuid NOT NULL, "participant_id" uuid, "source" text NOT NULL, "type" text NOT NULL, "state" text, "at" TIMESTAMP WITH TIME ZONE NOT NULL, "seq" bigint, "payload" jsonb, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, CONSTRAINT "ck_event_source" CHECK ("source" IN ('client', 'facilitator', 'system')), CONSTRAINT "pk_event" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(`CREATE INDEX "ix_event_session_at" ON "event" ("session_id", "at")`);
    await queryRunner.query(
      `CREATE TABLE "stats_sample" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "session_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "seq" bigint NOT NULL, "message_index" integer NOT NULL, "peer_connection_id" text, "ts" TIMESTAMP WITH TIME ZONE NOT NULL, "received_at" TIMESTAMP WITH TIME ZONE NOT NULL, "audio_packets_received" bigint, "audio_packets_lost" bigint, "video_packets_received" bigint, "video_packets_lost" bigint, "audio_jitter_ms" double precision, "ice_rtt_ms" double precision, "rtcp_rtt_ms" double precision, "bytes_received" bigint, "bytes_sent" bigint, "media_source_audio_energy" double precision, "media_source_samples_duration" double precision, "stats" json NOT NULL, CONSTRAINT "pk_stats_sample" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_stats_sample_session_participant_ts" ON "stats_sample" ("session_id", "participant_id", "ts")`,
    );
    await queryRunner.query(
      `CREATE TABLE "utterance" ("id" bigint GENERATED ALWAYS AS IDENTITY NOT NULL, "session_id" uuid NOT NULL, "participant_id" uuid NOT NULL, "start_at" TIMESTAMP WITH TIME ZONE NOT NULL, "end_at" TIMESTAMP WITH TIME ZONE NOT NULL, "seq" bigint NOT NULL, CONSTRAINT "pk_utterance" PRIMARY KEY ("id"))`,
    );
    await queryRunner.query(
      `CREATE INDEX "ix_utterance_session_participant_start" ON "utterance" ("session_id", "participant_id", "start_at")`,
    );
    await queryRunner.query(
      `ALTER TABLE "therapy_group" ADD CONSTRAINT "fk_therapy_group_organisation_id" FOREIGN KEY ("organisation_id") REFERENCES "organisation"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "therapy_session" ADD CONSTRAINT "fk_therapy_session_group_id" FOREIGN KEY ("group_id") REFERENCES "therapy_group"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
    await queryRunner.query(
      `ALTER TABLE "participant" ADD CONSTRAINT "fk_participant_session_id" FOREIGN KEY ("session_id") REFERENCES "therapy_session"("id") ON DELETE NO ACTION ON UPDATE NO ACTION`,
    );
  }

  async down(queryRunner: QueryRunner): Promise<void> {
    await queryRunner.query(`ALTER TABLE "participant" DROP CONSTRAINT "fk_participant_session_id"`);
    await queryRunner.query(`ALTER TABLE "therapy_session" DROP CONSTRAINT "fk_therapy_session_group_id"`);
    await queryRunner.query(`ALTER TABLE "therapy_group" DROP CONSTRAINT "fk_therapy_group_organisation_id"`);
    await queryRunner.query(`DROP INDEX "public"."ix_utterance_session_participant_start"`);
    await queryRunner.query(`DROP TABLE "utterance"`);
    await queryRunner.query(`DROP INDEX "public"."ix_stats_sample_session_participant_ts"`);
    await queryRunner.query(`DROP TABLE "stats_sample"`);
    await queryRunner.query(`DROP INDEX "public"."ix_event_session_at"`);
    await queryRunner.query(`DROP TABLE "event"`);
    await queryRunner.query(`DROP INDEX "public"."ix_participant_session"`);
    await queryRunner.query(`DROP TABLE "participant"`);
    await queryRunner.query(`DROP INDEX "public"."ix_therapy_session_group_scheduled_start"`);
    await queryRunner.query(`DROP TABLE "therapy_session"`);
    await queryRunner.query(`DROP INDEX "public"."ix_therapy_group_organisation"`);
    await queryRunner.query(`DROP TABLE "therapy_group"`);
    await queryRunner.query(`DROP TABLE "organisation"`);
    await queryRunner.query(`DROP INDEX "public"."uq_metric_window_scope"`);
    await queryRunner.query(`DROP TABLE "metric_window"`);
  }
}
