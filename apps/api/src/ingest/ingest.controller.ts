import { Body, Controller, HttpCode, Param, ParseUUIDPipe, Post, Req } from '@nestjs/common';
import { ApiBearerAuth, ApiBody, ApiOperation, ApiTags } from '@nestjs/swagger';
import type { Request } from 'express';
import { bearerToken, TokenService } from '../auth/token.service';
import { IngestBatchResult, IngestService } from './ingest.service';
import { IngestBatchSchema } from './ingest-batch.schema';

@ApiTags('ingest')
@ApiBearerAuth()
@Controller('api/v1/sessions/:sessionId/ingest')
export class IngestController {
  constructor(
    private readonly ingest: IngestService,
    private readonly tokens: TokenService,
  ) {}

  @Post()
  @HttpCode(200)
  @ApiOperation({
    summary: 'Ingest a batch of protocol envelopes (participant token)',
    description:
      'Each message is validated on its own. When anything is rejected the answer is 400 with the JSON path and ' +
      'reason of every problem, and the valid messages of the same batch are stored all the same.',
  })
  @ApiBody({ schema: IngestBatchSchema as object })
  ingestBatch(
    @Param('sessionId', new ParseUUIDPipe()) sessionId: string,
    @Body() body: unknown,
    @Req() request: Request,
  ): Promise<IngestBatchResult> {
    const principal = this.tokens.verifyIngestToken(bearerToken(request.headers.authorization));
    return this.ingest.ingestBatch(principal, sessionId, body);
  }
}
