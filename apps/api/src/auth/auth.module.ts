import { DynamicModule, Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
import { createSecretKey } from 'node:crypto';
import { Secrets } from '../config/secrets';
import { AdminGuard } from './admin.guard';
import { SECRETS } from './secrets.token';
import { TokenService } from './token.service';

@Global()
@Module({})
export class AuthModule {
  static forRoot(secrets: Secrets): DynamicModule {
    return {
      module: AuthModule,
      imports: [
        JwtModule.register({
          // A KeyObject, not the string: given a string, jsonwebtoken first tries to parse it as a
          // public/private key on every sign and verify, which cost 13 % of the server's CPU under
          // HTTP ingest load (profiled with bench:ingest).
          secret: createSecretKey(Buffer.from(secrets.tokenSecret)),
          signOptions: { algorithm: 'HS256' },
        }),
      ],
      providers: [{ provide: SECRETS, useValue: secrets }, TokenService, AdminGuard],
      exports: [TokenService, AdminGuard],
    };
  }
}
