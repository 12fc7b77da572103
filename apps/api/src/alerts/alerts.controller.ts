import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, Put, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from '../auth/admin.guard';
import { AlertSettingsService } from './alert-settings.service';
import { AlertResponse, AlertSettingsResponse, SnoozeAlertDto } from './alerts.dto';
import { AlertsService } from './alerts.service';

@ApiTags('alerts')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('api/v1')
export class AlertsController {
  constructor(
    private readonly alerts: AlertsService,
    private readonly settings: AlertSettingsService,
  ) {}

  @Get('sessions/:sessionId/alerts')
  @ApiOkResponse({ type: [AlertResponse] })
  listAlerts(@Param('sessionId', ParseUUIDPipe) sessionId: string): Promise<AlertResponse[]> {
    return this.alerts.listAlerts(sessionId);
  }

  @Post('alerts/:alertId/ack')
  @HttpCode(200)
  acknowledge(@Param('alertId', ParseUUIDPipe) alertId: string): Promise<AlertResponse> {
    return this.alerts.acknowledge(alertId);
  }

  @Post('alerts/:alertId/snooze')
  @HttpCode(200)
  snooze(@Param('alertId', ParseUUIDPipe) alertId: string, @Body() dto: SnoozeAlertDto): Promise<AlertResponse> {
    return this.alerts.snooze(alertId, dto.minutes);
  }

  @Get('organisations/:organisationId/alert-settings')
  getSettings(@Param('organisationId', ParseUUIDPipe) organisationId: string): Promise<AlertSettingsResponse> {
    return this.settings.get(organisationId);
  }

  /** The body is validated by the settings service, which names each bad threshold. */
  @Put('organisations/:organisationId/alert-settings')
  @ApiBody({ description: 'Threshold overrides, e.g. { "quietSilenceMinutes": 8 }; {} restores the defaults' })
  replaceSettings(
    @Param('organisationId', ParseUUIDPipe) organisationId: string,
    @Body() overrides: unknown,
  ): Promise<AlertSettingsResponse> {
    return this.settings.replace(organisationId, overrides);
  }
}
