import { Injectable, type OnModuleDestroy, type OnModuleInit } from '@nestjs/common';
import { performance, type EventLoopUtilization } from 'node:perf_hooks';

const SAMPLE_EVERY_MS = 5_000;
/** Readings kept: the oldest is a minute old. */
const READINGS = 60_000 / SAMPLE_EVERY_MS + 1;

/**
 * How busy the event loop was over about the last minute: the share of time it spent running
 * code rather than waiting. Everything a device sends and the live view's snapshots share this
 * one loop, so this is where an instance's load shows first. At 1,000 groups of 10 it was about
 * 0.42 with this machine to itself and 0.53 with the machine at half speed, where the snapshots
 * started to come late (docs/metrics.md, Performance; docs/operations.md, What to watch). Built
 * from node's cumulative readings, taken every 5 s, so that it covers the last minute rather
 * than the time since start-up.
 */
@Injectable()
export class EventLoopLoad implements OnModuleInit, OnModuleDestroy {
  private readonly readings: EventLoopUtilization[] = [];
  private timer: NodeJS.Timeout | undefined;

  onModuleInit(): void {
    this.readings.push(performance.eventLoopUtilization());
    this.timer = setInterval(() => {
      this.readings.push(performance.eventLoopUtilization());
      if (this.readings.length > READINGS) this.readings.shift();
    }, SAMPLE_EVERY_MS);
    this.timer.unref();
  }

  onModuleDestroy(): void {
    clearInterval(this.timer);
  }

  /** Busy share (0–1) since the oldest reading kept, and how many seconds that covers. */
  lastMinute(): { utilization: number; seconds: number } {
    const now = performance.eventLoopUtilization();
    const oldest = this.readings[0] ?? now;
    const since = performance.eventLoopUtilization(now, oldest);
    return {
      utilization: Math.round(since.utilization * 1000) / 1000,
      seconds: Math.round((since.idle + since.active) / 1000),
    };
  }
}
