import type { CDPSession } from 'playwright-core';

/**
 * What the collector costs a member's page, read through DevTools: main-thread script and task
 * time (Performance.getMetrics) and the bytes it sends (WebSocket frames and request bodies).
 */
export interface CpuSample {
  at: number;
  scriptSeconds: number;
  taskSeconds: number;
}

export async function sampleCpu(cdp: CDPSession): Promise<CpuSample> {
  await cdp.send('Performance.enable');
  const { metrics } = await cdp.send('Performance.getMetrics');
  const metric = (name: string) => metrics.find((entry) => entry.name === name)?.value ?? Number.NaN;
  return { at: Date.now(), scriptSeconds: metric('ScriptDuration'), taskSeconds: metric('TaskDuration') };
}

/** Share of one core used between two samples, as a percentage. */
export function cpuPercent(from: CpuSample, to: CpuSample): { script: number; task: number } {
  const wallSeconds = (to.at - from.at) / 1000;
  return {
    script: ((to.scriptSeconds - from.scriptSeconds) / wallSeconds) * 100,
    task: ((to.taskSeconds - from.taskSeconds) / wallSeconds) * 100,
  };
}

export interface TrafficMeter {
  /** Bytes the page sent since the meter started: WebSocket payloads plus HTTP request bodies. */
  sentBytes(): number;
  webSocketFrames(): number;
}

export async function meterTraffic(cdp: CDPSession): Promise<TrafficMeter> {
  let bytes = 0;
  let frames = 0;
  cdp.on('Network.webSocketFrameSent', ({ response }) => {
    frames++;
    // opcode 1 = text (UTF-8 as is), 2 = binary (base64 in the event).
    bytes +=
      response.opcode === 2
        ? Buffer.from(response.payloadData, 'base64').length
        : Buffer.byteLength(response.payloadData);
  });
  cdp.on('Network.requestWillBeSent', ({ request }) => {
    if (request.postData !== undefined) bytes += Buffer.byteLength(request.postData);
  });
  await cdp.send('Network.enable');
  return { sentBytes: () => bytes, webSocketFrames: () => frames };
}
