import { DynamicModule, Global, Module } from '@nestjs/common';
import { JwtModule } from '@nestjs/jwt';
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
      imports: [JwtModule.register({ secret: secrets.tokenSecret, signOptions: { algorithm: 'HS256' } })],
      providers: [{ provide: SECRETS, useValue: secrets }, TokenService, AdminGuard],
      exports: [TokenService, AdminGuard],
    };
  }
}
