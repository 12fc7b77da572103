import { Inject, Injectable } from '@nestjs/common';
import { JsonWebTokenError, JwtService, TokenExpiredError } from '@nestjs/jwt';
import { unauthenticated } from '../common/domain-error';
import {
  AdminPrincipal,
  FacilitatorPrincipal,
  ParticipantPrincipal,
  ParticipantRole,
  Principal,
  ViewerPrincipal,
} from './principal';
import { SECRETS } from './secrets.token';
import { adminTokenMatches, Secrets } from '../config/secrets';

interface IngestClaims {
  scope: 'ingest';
  sid: string;
  role: ParticipantRole;
  sub: string;
  exp: number;
}

/** A facilitator link: watch one session's live view and log events as its facilitator. */
interface FacilitatorClaims {
  scope: 'facilitator';
  sid: string;
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

  issueFacilitatorToken(input: { sessionId: string; participantId: string; ttlSeconds: number }): {
    token: string;
    expiresAt: Date;
  } {
    const exp = Math.floor(Date.now() / 1000) + input.ttlSeconds;
    const claims: FacilitatorClaims = { scope: 'facilitator', sid: input.sessionId, sub: input.participantId, exp };
    return { token: this.jwt.sign(claims), expiresAt: new Date(exp * 1000) };
  }

  /** The admin token or a facilitator link; ingest tokens are refused (members must never see others' data). */
  authenticateViewer(token: string | undefined): ViewerPrincipal {
    if (token === undefined || token === '') throw unauthenticated('A facilitator or admin token is required');
    if (adminTokenMatches(this.secrets, token)) return { kind: 'admin' } satisfies AdminPrincipal;
    const claims = this.verifySigned<FacilitatorClaims | IngestClaims>(token, 'facilitator');
    if (claims.scope !== 'facilitator') throw unauthenticated('The token is not a facilitator token');
    return {
      kind: 'facilitator',
      sessionId: claims.sid,
      participantId: claims.sub,
      expiresAt: new Date(claims.exp * 1000),
    } satisfies FacilitatorPrincipal;
  }

  /** Resolves a bearer token to a principal, or throws an `unauthenticated` error saying why. */
  authenticate(token: string | undefined): Principal {
    if (token === undefined || token === '') throw unauthenticated('A bearer token is required');
    if (adminTokenMatches(this.secrets, token)) return { kind: 'admin' } satisfies AdminPrincipal;
    return this.verifyIngestToken(token);
  }

  verifyIngestToken(token: string | undefined): ParticipantPrincipal {
    if (token === undefined || token === '') throw unauthenticated('A participant token is required');
    const claims = this.verifySigned<IngestClaims | FacilitatorClaims>(token, 'participant');
    if (claims.scope !== 'ingest') throw unauthenticated('The token is not a participant ingest token');
    return {
      kind: 'participant',
      sessionId: claims.sid,
      participantId: claims.sub,
      role: claims.role,
      expiresAt: new Date(claims.exp * 1000),
    };
  }

  private verifySigned<Claims extends object>(token: string, what: string): Claims {
    try {
      return this.jwt.verify<Claims>(token, { algorithms: ['HS256'] });
    } catch (error) {
      if (error instanceof TokenExpiredError) {
        throw unauthenticated(`The ${what} token expired at ${error.expiredAt.toISOString()}`);
      }
      if (error instanceof JsonWebTokenError) throw unauthenticated(`The ${what} token is not valid`);
      throw error;
    }
  }
}

/** `Authorization: Bearer <token>` → token. */
export function bearerToken(header: string | string[] | undefined): string | undefined {
  const value = Array.isArray(header) ? header[0] : header;
  const match = /^Bearer\s+(\S+)$/i.exec(value ?? '');
  return match?.[1];
}
