import { Controller, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from '../auth/admin.guard';
import { FacilitatorLinkResponse, FacilitatorLinkService } from './facilitator-link.service';

@ApiTags('live')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('api/v1/sessions')
export class FacilitatorLinkController {
  constructor(private readonly links: FacilitatorLinkService) {}

  /** A link that opens the session's live view as its facilitator, until it expires. */
  @Post(':id/facilitator-link')
  @HttpCode(201)
  @ApiCreatedResponse({ type: FacilitatorLinkResponse })
  issue(@Param('id', ParseUUIDPipe) sessionId: string): Promise<FacilitatorLinkResponse> {
    return this.links.issue(sessionId);
  }
}
