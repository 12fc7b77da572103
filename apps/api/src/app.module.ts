import { DynamicModule, Module } from '@nestjs/common';
import { AlertsModule } from './alerts/alerts.module';
import { AuthModule } from './auth/auth.module';
import { CollectorModule } from './collector/collector.module';
import { AppConfig } from './config/app-config';
import { ConfigModule } from './config/config.module';
import { Secrets } from './config/secrets';
import { IngestModule } from './ingest/ingest.module';
import { LiveModule } from './live/live.module';
import { OpsModule } from './ops/ops.module';
import { PipelineModule } from './pipeline/pipeline.module';
import { SessionsModule } from './sessions/sessions.module';
import { StorageModule } from './storage/storage.module';

/** The modules in data-flow order: configuration, identity, storage, management, ingest, operations. */
@Module({})
export class AppModule {
  static forRoot(config: AppConfig, secrets: Secrets): DynamicModule {
    return {
      module: AppModule,
      imports: [
        ConfigModule.forRoot(config),
        AuthModule.forRoot(secrets),
        StorageModule,
        SessionsModule,
        IngestModule,
        PipelineModule,
        AlertsModule,
        LiveModule,
        OpsModule,
        CollectorModule,
      ],
    };
  }
}
