import { Module } from '@nestjs/common';
import { PipelineModule } from '../pipeline/pipeline.module';
import { SessionsModule } from '../sessions/sessions.module';
import { AlertSettingsService } from './alert-settings.service';
import { AlertsController } from './alerts.controller';
import { AlertsService } from './alerts.service';

/** Live alerts from the pipeline's snapshots (rules/), stored and announced; their settings per organisation. */
@Module({
  imports: [PipelineModule, SessionsModule],
  controllers: [AlertsController],
  providers: [AlertsService, AlertSettingsService],
  exports: [AlertsService],
})
export class AlertsModule {}
