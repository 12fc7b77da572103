import { Injectable } from '@nestjs/common';
import { IngestAdmission } from '../ingest/ingest-admission';
import { IngestSocketServer } from '../ingest/ingest-socket.server';
import { ParticipantRegistry } from '../ingest/participant-registry';
import { PipelineService } from '../pipeline/pipeline.service';
import type { SnapshotLateness } from '../pipeline/snapshot-timeliness';
import { IngestWriter, IngestWriterCounters } from '../storage/ingest-writer';
import { EventLoopLoad } from './event-loop-load';

export interface ServerMetrics {
  ingest: {
    webSocketConnections: number;
    /** Connections whose reading is paused: backpressure at work. */
    pausedWebSocketConnections: number;
    participantsInMemory: number;
    /** Whether ingest holds for the database now, how often it did and for how long in all. */
    backlog: { holding: boolean; holds: number; heldSeconds: number };
  };
  storage: IngestWriterCounters;
  liveView: {
    /** Sessions whose live view has a snapshot now. */
    liveSessions: number;
    /** How late snapshots came over the last minute. */
    snapshotLateness: SnapshotLateness;
  };
  process: {
    rssBytes: number;
    heapUsedBytes: number;
    uptimeSeconds: number;
    /** Share of about the last minute the event loop was busy (0–1), and the seconds it covers. */
    eventLoop: { utilization: number; seconds: number };
  };
}

/** Counters an operator (or the ingest benchmark) reads to see how the server is doing. */
@Injectable()
export class OpsService {
  constructor(
    private readonly sockets: IngestSocketServer,
    private readonly admission: IngestAdmission,
    private readonly registry: ParticipantRegistry,
    private readonly writer: IngestWriter,
    private readonly pipeline: PipelineService,
    private readonly eventLoop: EventLoopLoad,
  ) {}

  metrics(): ServerMetrics {
    const memory = process.memoryUsage();
    return {
      ingest: {
        webSocketConnections: this.sockets.connectionCount,
        pausedWebSocketConnections: this.sockets.pausedConnectionCount,
        participantsInMemory: this.registry.size,
        backlog: this.admission.counters(),
      },
      storage: this.writer.counters(),
      liveView: this.pipeline.liveViewHealth(),
      process: {
        rssBytes: memory.rss,
        heapUsedBytes: memory.heapUsed,
        uptimeSeconds: Math.round(process.uptime()),
        eventLoop: this.eventLoop.lastMinute(),
      },
    };
  }
}
