import { Global, Module } from '@nestjs/common';
import { TypeOrmModule } from '@nestjs/typeorm';
import { DataSource } from 'typeorm';
import type { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { createDataSourceOptions } from './data-source';
import { AlertRecord, Organisation, Participant, SessionOutcome, TherapyGroup, TherapySession } from './entities';
import { IngestWriter } from './ingest-writer';
import {
  AlertRepository,
  AlertSettingsRepository,
  EpisodeRepository,
  EstimatedUtteranceRepository,
  FacilitatorObservationRepository,
  GroupRepository,
  MetricWindowRepository,
  OrganisationRepository,
  ParticipantRepository,
  SessionOutcomeRepository,
  SessionReplayRepository,
  SessionRepository,
} from './repositories';
import { runStorageMigrations } from './run-migrations';

const REPOSITORIES = [
  OrganisationRepository,
  GroupRepository,
  SessionRepository,
  ParticipantRepository,
  MetricWindowRepository,
  EpisodeRepository,
  EstimatedUtteranceRepository,
  FacilitatorObservationRepository,
  SessionReplayRepository,
  SessionOutcomeRepository,
  IngestWriter,
  AlertRepository,
  AlertSettingsRepository,
];

/**
 * The database: PostgreSQL when DATABASE_URL is set, otherwise the embedded PGlite database
 * under the data directory. Migrations run before anything else starts. Other modules get
 * repository classes only; TypeORM's repositories and the DataSource stay in here.
 */
@Global()
@Module({
  imports: [
    TypeOrmModule.forRootAsync({
      inject: [APP_CONFIG],
      useFactory: (config: AppConfig) => ({
        ...createDataSourceOptions(config),
        // A wrong DATABASE_URL should fail the boot in seconds, not after TypeORM's default
        // nine retries; a broken embedded database will not heal by retrying at all.
        retryAttempts: config.databaseUrl === undefined ? 0 : 3,
        retryDelay: 1_000,
      }),
      dataSourceFactory: async (options) => {
        if (!options) throw new Error('StorageModule: no DataSource options');
        const dataSource = await new DataSource(options).initialize();
        try {
          await runStorageMigrations(dataSource);
        } catch (error) {
          await dataSource.destroy();
          throw error;
        }
        return dataSource;
      },
    }),
    TypeOrmModule.forFeature([Organisation, TherapyGroup, TherapySession, Participant, AlertRecord, SessionOutcome]),
  ],
  providers: REPOSITORIES,
  exports: REPOSITORIES,
})
export class StorageModule {}
