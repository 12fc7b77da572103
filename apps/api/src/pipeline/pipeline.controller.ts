import { Controller, Get, Param, ParseUUIDPipe, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from '../auth/admin.guard';
import type { SessionSnapshot } from './analyzer';
import { PipelineService } from './pipeline.service';

@ApiTags('pipeline')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('api/v1/sessions')
export class PipelineController {
  constructor(private readonly pipeline: PipelineService) {}

  /** The latest live snapshot of a session (once a second while it has data). */
  @Get(':sessionId/snapshot')
  latestSnapshot(@Param('sessionId', ParseUUIDPipe) sessionId: string): SessionSnapshot {
    return this.pipeline.latestSnapshot(sessionId);
  }
}
