import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import {
  IsBoolean,
  IsIn,
  IsInt,
  IsISO8601,
  IsNotEmpty,
  IsOptional,
  IsString,
  IsUUID,
  Max,
  MaxLength,
  Min,
  ValidateNested,
} from 'class-validator';

// Requests (validated by the global pipe: unknown fields are refused, not silently dropped).

export class CreateOrganisationDto {
  @ApiProperty({ example: 'Northside Counselling' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class CreateGroupDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  organisationId!: string;

  @ApiProperty({ example: 'Tuesday anxiety group' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(200)
  name!: string;
}

export class FacilitatorDto {
  @ApiProperty({ example: 'Dr. Rivera' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName!: string;
}

export class CreateSessionDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  groupId!: string;

  @ApiProperty({ example: '2026-11-26T18:00:00Z' })
  @IsISO8601({ strict: true })
  scheduledStart!: string;

  @ApiPropertyOptional({ example: 'Week 3' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  title?: string;

  @ApiProperty({ type: FacilitatorDto, description: 'The facilitator is added as the first participant.' })
  @ValidateNested()
  @Type(() => FacilitatorDto)
  facilitator!: FacilitatorDto;
}

export class ConsentDto {
  @ApiPropertyOptional({
    description: 'Consent to storing this member’s session data (required before anything is stored).',
  })
  @IsOptional()
  @IsBoolean()
  storage?: boolean;

  @ApiPropertyOptional({ description: 'Consent to de-identified research use.' })
  @IsOptional()
  @IsBoolean()
  research?: boolean;
}

export class AddParticipantDto {
  @ApiProperty({ example: 'Sam' })
  @IsString()
  @IsNotEmpty()
  @MaxLength(100)
  displayName!: string;

  @ApiPropertyOptional({ enum: ['member', 'facilitator'], default: 'member' })
  @IsOptional()
  @IsIn(['member', 'facilitator'])
  role?: 'member' | 'facilitator';

  @ApiPropertyOptional({
    type: ConsentDto,
    description: 'Consent the video app already obtained; otherwise the collector sends it as a client event.',
  })
  @IsOptional()
  @ValidateNested()
  @Type(() => ConsentDto)
  consent?: ConsentDto;
}

export class IssueTokenDto {
  @ApiPropertyOptional({ description: 'Lifetime in seconds (default from ATTUNE_INGEST_TOKEN_TTL_SECONDS).' })
  @IsOptional()
  @IsInt()
  @Min(60)
  @Max(30 * 24 * 3600)
  ttlSeconds?: number;
}

// Responses: entities never cross the wire; the mappers in sessions.mapper.ts build these.

export class OrganisationResponse {
  @ApiProperty() id!: string;
  @ApiProperty() name!: string;
  @ApiProperty() createdAt!: string;
}

export class GroupResponse {
  @ApiProperty() id!: string;
  @ApiProperty() organisationId!: string;
  @ApiProperty() name!: string;
  @ApiProperty() createdAt!: string;
}

export class ParticipantResponse {
  @ApiProperty() id!: string;
  @ApiProperty() sessionId!: string;
  @ApiProperty() displayName!: string;
  @ApiProperty({ enum: ['member', 'facilitator'] }) role!: 'member' | 'facilitator';
  @ApiProperty({ type: ConsentDto }) consent!: { storage: boolean; research: boolean };
}

export class SessionResponse {
  @ApiProperty() id!: string;
  @ApiProperty() groupId!: string;
  @ApiProperty({ nullable: true, type: String }) title!: string | null;
  @ApiProperty() scheduledStart!: string;
  @ApiProperty({ enum: ['scheduled', 'live', 'ended'] }) status!: 'scheduled' | 'live' | 'ended';
  @ApiProperty({ nullable: true, type: String }) startedAt!: string | null;
  @ApiProperty({ nullable: true, type: String }) endedAt!: string | null;
  @ApiProperty({ type: [ParticipantResponse] }) participants!: ParticipantResponse[];
}

export class IngestTokenResponse {
  @ApiProperty() token!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty() sessionId!: string;
  @ApiProperty() participantId!: string;
  @ApiProperty({ description: 'Where the collector sends data with this token.' })
  endpoints!: { websocket: string; http: string };
}
