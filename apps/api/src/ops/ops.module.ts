import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module';
import { PipelineModule } from '../pipeline/pipeline.module';
import { EventLoopLoad } from './event-loop-load';
import { OpsController } from './ops.controller';
import { OpsService } from './ops.service';

@Module({
  imports: [IngestModule, PipelineModule],
  controllers: [OpsController],
  providers: [OpsService, EventLoopLoad],
})
export class OpsModule {}
