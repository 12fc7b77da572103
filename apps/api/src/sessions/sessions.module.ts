import { Module } from '@nestjs/common';
import { SessionEvents } from './session-events';
import { SessionsController } from './sessions.controller';
import { SessionsService } from './sessions.service';

@Module({
  controllers: [SessionsController],
  providers: [SessionsService, SessionEvents],
  exports: [SessionEvents, SessionsService],
})
export class SessionsModule {}
