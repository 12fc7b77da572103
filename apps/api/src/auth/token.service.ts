import { Inject, Injectable } from '@nestjs/common';
import { JsonWebTokenError, JwtService, TokenExpiredError } from '@nestjs/jwt';
import { unauthenticated } from '../common/domain-error';
import { AdminPrincipal, ParticipantPrincipal, ParticipantRole, Principal } from './principal';
import { SECRETS } from './secrets.token';
import { adminTokenMatches, Secrets } from '../config/secrets';

interface IngestClaims {
  scope: 'ingest';
  sid: string;
  role: ParticipantRole;
  sub: string;
  exp: number;
}

/**
 * Issues and checks the tokens Attune hands out. Ingest tokens are signed (HS256), scoped to
 * one session and one participant, and expire; the admin token is compared by hash.
 */
@Injectable()
export class TokenService {
  constructor(
    private readonly jwt: JwtService,
    @Inject(SECRETS) private readonly secrets: Secrets,
  ) {}

  issueIngestToken(input: { sessionId: string; participantId: string; role: ParticipantRole; ttlSeconds: number }): {
    token: string;
    expiresAt: Date;
  } {
    const exp = Math.floor(Date.now() / 1000) + input.ttlSeconds;
    const claims: IngestClaims = {
      scope: 'ingest',
      sid: input.sessionId,
      role: input.role,
      sub: input.participantId,
      exp,
    };
    return { token: this.jwt.sign(claims), expiresAt: new Date(exp * 1000) };
  }

  /** Resolves a bearer token to a principal, or throws an `unauthenticated` error saying why. */
  authenticate(token: string | undefined): Principal {
    if (token === undefined || token === '') throw unauthenticated('A bearer token is required');
    if (adminTokenMatches(this.secrets, token)) return { kind: 'admin' } satisfies AdminPrincipal;
    return this.verifyIngestToken(token);
  }

  verifyIngestToken(token: string | undefined): ParticipantPrincipal {
    if (token === undefined || token === '') throw unauthenticated('A participant token is required');
    let claims: IngestClaims;
    try {
      claims = this.jwt.verify<IngestClaims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw unauthenticated(`The participant token expired at ${error.expiredAt.toISOString()}`);
      }
      if (error instanceof JsonWebTokenError) throw unauthenticated('The participant token is not valid');
      throw error;
    }
    if (claims.scope !== 'ingest') throw unauthenticated('The token is not a participant ingest token');
    return {
      kind: 'participant',
      sessionId: claims.sid,
      participantId: claims.sub,
      role: claims.role,
      expiresAt: new Date(claims.exp * 1000),
    };
  }
}

/** `Authorization: Bearer <token>` → token. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)$/i.exec(value ?? '');
  return match?.[1];
}
