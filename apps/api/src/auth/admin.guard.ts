import { CanActivate, ExecutionContext, Injectable } from '@nestjs/common';
import type { Request } from 'express';
import { forbidden } from '../common/domain-error';
import { bearerToken, TokenService } from './token.service';

/**
 * Management endpoints are for the admin token until users and roles exist. Kept as one
 * guard so that real sign-in replaces this class, not every controller.
 */
@Injectable()
export class AdminGuard implements CanActivate {
  constructor(private readonly tokens: TokenService) {}

  canActivate(context: ExecutionContext): boolean {
    const request = context.switchToHttp().getRequest<Request>();
    const principal = this.tokens.authenticate(bearerToken(request.headers.authorization));
    if (principal.kind !== 'admin') throw forbidden('This endpoint needs the admin token');
    return true;
  }
}
