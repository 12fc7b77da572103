import { Module } from '@nestjs/common';
import { AlertsModule } from '../alerts/alerts.module';
import { IngestModule } from '../ingest/ingest.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { SessionsModule } from '../sessions/sessions.module';
import { FacilitatorEventLog } from './facilitator-event-log';
import { FacilitatorLinkController } from './facilitator-link.controller';
import { FacilitatorLinkService } from './facilitator-link.service';
import { AlertsModuleSource, LIVE_ALERTS } from './live-alerts';
import { LiveGateway } from './live.gateway';
import { LiveViewService } from './live-view.service';

/** The facilitator's live view: facilitator links, the `/live` socket namespace, one-tap logging. */
@Module({
  imports: [SessionsModule, IngestModule, PipelineModule, AlertsModule],
  controllers: [FacilitatorLinkController],
  providers: [
    LiveGateway,
    LiveViewService,
    FacilitatorEventLog,
    FacilitatorLinkService,
    { provide: LIVE_ALERTS, useClass: AlertsModuleSource },
  ],
})
export class LiveModule {}
