import { Controller, Get, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from '../auth/admin.guard';
import { OpsService, ServerMetrics } from './ops.service';

@ApiTags('operations')
@Controller('api/v1')
export class OpsController {
  constructor(private readonly ops: OpsService) {}

  /** For load balancers and uptime checks: no secrets, no data. */
  @Get('health')
  health(): { status: 'ok' } {
    return { status: 'ok' };
  }

  @Get('admin/metrics')
  @ApiBearerAuth()
  @UseGuards(AdminGuard)
  metrics(): ServerMetrics {
    return this.ops.metrics();
  }
}
