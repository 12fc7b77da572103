// The live pipeline's graph (routeSessions → runSession → LiveSession → SessionAnalyzer), fed
// envelopes, and the probes that time its snapshots where they are published: how late each
// session's snapshot comes out, how long a report waits for the next snapshot and for the first
// snapshot that counts it. The graph runs in bench/pipeline.bench.ts's thread, or in worker
// threads (pipeline-worker.ts) that send their outputs back to it, as a sharded server would.
import { asyncScheduler, of, Subject, type Subscription } from 'rxjs';
import { SessionAnalyzer } from '@attune/metrics';
import type { EnvelopeHeader, Message } from '@attune/protocol';
import { LiveSession } from '../../apps/api/src/pipeline/live-session';
import { routeSessions } from '../../apps/api/src/pipeline/route-sessions';
import { runSession } from '../../apps/api/src/pipeline/run-session';
import type { SessionCommand } from '../../apps/api/src/pipeline/session-commands';
import { envelopeCommand } from '../../apps/api/src/pipeline/session-inputs';
import type { SessionOutput } from '../../apps/api/src/pipeline/session-output';
import { SnapshotStore } from '../../apps/api/src/pipeline/snapshot-store';
import { firstTickAfterMs } from '../../apps/api/src/pipeline/tick-phase';

export interface BenchEnvelope {
  header: EnvelopeHeader;
  messages: Message[];
  /** When it was handed in (Date.now(), the same clock in every thread). */
  receivedAt: number;
}

export interface LatencyFigures {
  /** Per snapshot: how much later than a period after the session's previous one it came out. */
  tickLagMs: number[];
  /** Per report: handed in → the session's next snapshot. */
  nextSnapshotMs: number[];
  /** Per report: handed in → the first snapshot whose watermark covers it. */
  coveredMs: number[];
  windows: number;
}

interface SessionProbe {
  /** When the session's previous snapshot came out (at first: when its first report was handed in). */
  previousAt: number;
  /** Reports not yet in a published snapshot: when each was handed in. Bounded: cleared as snapshots cover them. */
  waitingForNext: number[];
  /**
   * Reports not yet under a published snapshot's watermark: when each was handed in, and its
   * event time. Two arrays of numbers, not a pair per report: the probes share the pipeline's
   * heap, and a pair kept for the two seconds to the watermark would be promoted, adding to the
   * garbage collections being measured.
   */
  waitingHandedInAt: number[];
  waitingEventTime: number[];
}

/** The live pipeline's graph for one shard of the sessions: envelopes in, outputs out. */
export class SessionGraph {
  private readonly commands = new Subject<SessionCommand>();
  private readonly subscription: Subscription;
  failures = 0;

  constructor(latenessMs: number, sourceDisorderMs: number, onOutput: (output: SessionOutput) => void) {
    this.subscription = this.commands
      .pipe(
        routeSessions((sessionId) =>
          runSession(sessionId, {
            start: (id) =>
              of({
                kind: 'ready' as const,
                session: new LiveSession(
                  id,
                  new SessionAnalyzer({ sessionId: id, latenessMs, sourceDisorderMs, windowSeconds: 10 }),
                  () => (this.failures += 1),
                ),
              }),
            snapshotPeriodMs: 1000,
            // As the live pipeline (PipelineService): each session ticks in a phase of its own.
            firstTickAfterMs: firstTickAfterMs(sessionId, 1000),
            scheduler: asyncScheduler,
          }),
        ),
      )
      .subscribe(onOutput);
  }

  hand({ header, messages, receivedAt }: BenchEnvelope): void {
    this.commands.next(envelopeCommand({ header, messages, receivedAt }, 'member'));
  }

  stop(): void {
    this.subscription.unsubscribe();
  }
}

/**
 * Where snapshots are published (the thread that serves the dashboard): times each one against
 * the reports handed in for its session.
 */
export class LatencyProbes {
  measuring = false;
  private readonly store = new SnapshotStore();
  private readonly probes = new Map<string, SessionProbe>();
  readonly figures: LatencyFigures = { tickLagMs: [], nextSnapshotMs: [], coveredMs: [], windows: 0 };

  handed({ header, receivedAt }: BenchEnvelope): void {
    let probe = this.probes.get(header.sessionId);
    if (!probe) {
      probe = { previousAt: receivedAt, waitingForNext: [], waitingHandedInAt: [], waitingEventTime: [] };
      this.probes.set(header.sessionId, probe);
    }
    probe.waitingForNext.push(receivedAt);
    probe.waitingHandedInAt.push(receivedAt);
    probe.waitingEventTime.push(header.sentAt);
  }

  onOutput(output: SessionOutput): void {
    const figures = this.figures;
    if (output.kind === 'results') {
      figures.windows += output.results.windows.length;
      return;
    }
    if (output.kind !== 'snapshot') return;
    const now = Date.now();
    this.store.publish(output.snapshot, output.source);
    const probe = this.probes.get(output.snapshot.sessionId);
    if (!probe) return;
    // A tick is due a period after the previous one (setInterval: a late tick does not delay the next).
    if (this.measuring) figures.tickLagMs.push(Math.max(0, now - probe.previousAt - 1000));
    probe.previousAt = now;
    for (const handedInAt of probe.waitingForNext) if (this.measuring) figures.nextSnapshotMs.push(now - handedInAt);
    probe.waitingForNext.length = 0;
    const watermark = output.snapshot.watermark;
    const { waitingHandedInAt, waitingEventTime } = probe;
    let kept = 0;
    for (let index = 0; index < waitingEventTime.length; index++) {
      if (waitingEventTime[index] <= watermark) {
        if (this.measuring) figures.coveredMs.push(now - waitingHandedInAt[index]);
      } else {
        waitingHandedInAt[kept] = waitingHandedInAt[index];
        waitingEventTime[kept++] = waitingEventTime[index];
      }
    }
    waitingHandedInAt.length = kept;
    waitingEventTime.length = kept;
  }
}
