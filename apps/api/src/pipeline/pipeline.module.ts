import { Module } from '@nestjs/common';
import { asyncScheduler } from 'rxjs';
import { IngestModule } from '../ingest/ingest.module';
import { SessionsModule } from '../sessions/sessions.module';
import { createSessionAnalyzer, SESSION_ANALYZER_FACTORY } from './analyzer';
import { PipelineController } from './pipeline.controller';
import { DEFAULT_PIPELINE_SETTINGS, PIPELINE_SETTINGS } from './pipeline-settings';
import { PIPELINE_SCHEDULER, PipelineService } from './pipeline.service';
import { ResultsWriter } from './results-writer';
import { SessionOutcomeRecorder } from './session-outcome-recorder';
import { SessionRebuilder } from './session-rebuilder';

/** The live pipeline: ingest's accepted data in, snapshots and stored metric windows out. */
@Module({
  imports: [IngestModule, SessionsModule],
  controllers: [PipelineController],
  providers: [
    PipelineService,
    SessionRebuilder,
    ResultsWriter,
    SessionOutcomeRecorder,
    { provide: PIPELINE_SETTINGS, useValue: DEFAULT_PIPELINE_SETTINGS },
    { provide: PIPELINE_SCHEDULER, useValue: asyncScheduler },
    { provide: SESSION_ANALYZER_FACTORY, useValue: createSessionAnalyzer },
  ],
  exports: [PipelineService],
})
export class PipelineModule {}
