import { Injectable } from '@nestjs/common';
import { IngestSocketServer } from '../ingest/ingest-socket.server';
import { ParticipantRegistry } from '../ingest/participant-registry';
import { IngestWriter, IngestWriterCounters } from '../storage/ingest-writer';

export interface ServerMetrics {
  ingest: { webSocketConnections: number; participantsInMemory: number };
  storage: IngestWriterCounters;
  process: { rssBytes: number; heapUsedBytes: number; uptimeSeconds: number };
}

/** Counters an operator (or the ingest benchmark) reads to see how the server is doing. */
@Injectable()
export class OpsService {
  constructor(
    private readonly sockets: IngestSocketServer,
    private readonly registry: ParticipantRegistry,
    private readonly writer: IngestWriter,
  ) {}

  metrics(): ServerMetrics {
    const memory = process.memoryUsage();
    return {
      ingest: { webSocketConnections: this.sockets.connectionCount, participantsInMemory: this.registry.size },
      storage: this.writer.counters(),
      process: { rssBytes: memory.rss, heapUsedBytes: memory.heapUsed, uptimeSeconds: Math.round(process.uptime()) },
    };
  }
}
