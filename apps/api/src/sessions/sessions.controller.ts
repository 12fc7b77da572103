import { Body, Controller, Get, HttpCode, Param, ParseUUIDPipe, Post, UseGuards } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiTags } from '@nestjs/swagger';
import { AdminGuard } from '../auth/admin.guard';
import {
  AddParticipantDto,
  CreateGroupDto,
  CreateOrganisationDto,
  CreateSessionDto,
  GroupResponse,
  IngestTokenResponse,
  IssueTokenDto,
  OrganisationResponse,
  ParticipantResponse,
  SessionResponse,
} from './sessions.dto';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@ApiBearerAuth()
@UseGuards(AdminGuard)
@Controller('api/v1')
export class SessionsController {
  constructor(private readonly sessions: SessionsService) {}

  @Post('organisations')
  createOrganisation(@Body() dto: CreateOrganisationDto): Promise<OrganisationResponse> {
    return this.sessions.createOrganisation(dto);
  }

  @Get('organisations')
  @ApiOkResponse({ type: [OrganisationResponse] })
  listOrganisations(): Promise<OrganisationResponse[]> {
    return this.sessions.listOrganisations();
  }

  @Post('groups')
  createGroup(@Body() dto: CreateGroupDto): Promise<GroupResponse> {
    return this.sessions.createGroup(dto);
  }

  @Get('groups')
  @ApiOkResponse({ type: [GroupResponse] })
  listGroups(): Promise<GroupResponse[]> {
    return this.sessions.listGroups();
  }

  @Post('sessions')
  createSession(@Body() dto: CreateSessionDto): Promise<SessionResponse> {
    return this.sessions.createSession(dto);
  }

  @Get('sessions')
  @ApiOkResponse({ type: [SessionResponse] })
  listSessions(): Promise<SessionResponse[]> {
    return this.sessions.listSessions();
  }

  @Get('sessions/:sessionId')
  getSession(@Param('sessionId', ParseUUIDPipe) sessionId: string): Promise<SessionResponse> {
    return this.sessions.getSession(sessionId);
  }

  @Post('sessions/:sessionId/start')
  @HttpCode(200)
  startSession(@Param('sessionId', ParseUUIDPipe) sessionId: string): Promise<SessionResponse> {
    return this.sessions.startSession(sessionId);
  }

  @Post('sessions/:sessionId/end')
  @HttpCode(200)
  endSession(@Param('sessionId', ParseUUIDPipe) sessionId: string): Promise<SessionResponse> {
    return this.sessions.endSession(sessionId);
  }

  @Post('sessions/:sessionId/participants')
  addParticipant(
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Body() dto: AddParticipantDto,
  ): Promise<ParticipantResponse> {
    return this.sessions.addParticipant(sessionId, dto);
  }

  @Post('sessions/:sessionId/participants/:participantId/tokens')
  issueIngestToken(
    @Param('sessionId', ParseUUIDPipe) sessionId: string,
    @Param('participantId', ParseUUIDPipe) participantId: string,
    @Body() dto: IssueTokenDto,
  ): Promise<IngestTokenResponse> {
    return this.sessions.issueIngestToken(sessionId, participantId, dto);
  }
}
