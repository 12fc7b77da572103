import { Inject, Injectable } from '@nestjs/common';
import { ApiProperty } from '@nestjs/swagger';
import { TokenService } from '../auth/token.service';
import { conflict } from '../common/domain-error';
import { AppConfig } from '../config/app-config';
import { APP_CONFIG } from '../config/app-config.token';
import { SessionsService } from '../sessions/sessions.service';

export class FacilitatorLinkResponse {
  @ApiProperty({ description: 'Dashboard address, relative to the server: /#/sessions/<id>?token=…' })
  url!: string;
  @ApiProperty() token!: string;
  @ApiProperty() expiresAt!: string;
  @ApiProperty() sessionId!: string;
  @ApiProperty() facilitatorId!: string;
}

/**
 * Facilitator links stand in for sign-in: the token is scoped to one session and its
 * facilitator and expires like an ingest token. The token sits in the URL fragment, so it is
 * never sent to the server in a request line or logged by proxies.
 */
@Injectable()
export class FacilitatorLinkService {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly sessions: SessionsService,
    private readonly tokens: TokenService,
  ) {}

  async issue(sessionId: string): Promise<FacilitatorLinkResponse> {
    const session = await this.sessions.getSession(sessionId);
    if (session.status === 'ended') throw conflict('The session has ended; its live view is closed');
    const facilitator = session.participants.find((participant) => participant.role === 'facilitator');
    if (!facilitator) throw conflict('The session has no facilitator');
    const { token, expiresAt } = this.tokens.issueFacilitatorToken({
      sessionId,
      participantId: facilitator.id,
      ttlSeconds: this.config.ingestTokenTtlSeconds,
    });
    return {
      url: `/#/sessions/${sessionId}?token=${encodeURIComponent(token)}`,
      token,
      expiresAt: expiresAt.toISOString(),
      sessionId,
      facilitatorId: facilitator.id,
    };
  }
}
