import { Module } from '@nestjs/common';
import { IngestModule } from '../ingest/ingest.module';
import { OpsController } from './ops.controller';
import { OpsService } from './ops.service';

@Module({ imports: [IngestModule], controllers: [OpsController], providers: [OpsService] })
export class OpsModule {}
