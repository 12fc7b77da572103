import { Module } from '@nestjs/common';
import { SessionEvents } from '../sessions/session-events';
import { SessionsModule } from '../sessions/sessions.module';
import { IngestAdmission } from './ingest-admission';
import { IngestBus } from './ingest-bus';
import { IngestSocketServer } from './ingest-socket.server';
import { IngestController } from './ingest.controller';
import { IngestService } from './ingest.service';
import { MessagePolicy } from './message-policy';
import { PARTICIPANT_SOURCE, ParticipantRegistry, ParticipantSource } from './participant-registry';
import { StoredParticipantSource } from './stored-participant-source';

@Module({
  imports: [SessionsModule],
  controllers: [IngestController],
  providers: [
    IngestService,
    IngestAdmission,
    IngestSocketServer,
    IngestBus,
    MessagePolicy,
    { provide: PARTICIPANT_SOURCE, useClass: StoredParticipantSource },
    {
      provide: ParticipantRegistry,
      useFactory: (source: ParticipantSource, sessionEvents: SessionEvents) => {
        const registry = new ParticipantRegistry(source);
        sessionEvents.statusChanges$.subscribe((change) => {
          if (change.status === 'ended') registry.markSessionEnded(change.sessionId);
        });
        return registry;
      },
      inject: [PARTICIPANT_SOURCE, SessionEvents],
    },
  ],
  exports: [IngestAdmission, IngestBus, IngestService, IngestSocketServer, ParticipantRegistry],
})
export class IngestModule {}
