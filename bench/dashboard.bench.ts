// What the facilitator's live dashboard costs the facilitator's computer: a 15-member session fed
// through ingest at 1 Hz, its facilitator link open in headless Chromium, and the page's main
// thread measured through the DevTools protocol (Performance.getMetrics) over a window, first
// with the full view and then in calm mode. Prints figures; asserts nothing.
// Run: npm run build:dashboard && npm run bench:dashboard
//   BENCH_SECONDS          length of each measured window (default 60)
//   BENCH_WARMUP_SECONDS   before the first window, once the tiles show figures (default 10)
//   BENCH_MEMBERS          members in the session (default 15)
//   BENCH_TIME_DOMAIN      threadTicks (default: CPU time of the page's main thread, fair on a busy
//                          machine) or timeTicks (wall time of its tasks)
//   BENCH_DATABASE         postgres (default) or embedded (PGlite in a temporary directory)
//   DATABASE_URL           admin connection for PostgreSQL (default postgres://postgres@127.0.0.1:5432/test)
import { existsSync } from 'node:fs';
import { join } from 'node:path';
import type { CDPSession, Page } from 'playwright-core';
import { launchChromium } from '../test/browser/chromium';
import { feedSession, type FeedScript } from '../test/browser/live-feed';
import { ApiClient } from '../test/support/api-client';
import { createTestSession } from '../test/support/session-fixture';
import { startAttuneServer, type AttuneServer } from './support/attune-server';
import { cpuSeconds } from './support/process-usage';

const SECONDS = Number(process.env.BENCH_SECONDS ?? 60);
const WARMUP_SECONDS = Number(process.env.BENCH_WARMUP_SECONDS ?? 10);
const MEMBERS = Number(process.env.BENCH_MEMBERS ?? 15);
const TIME_DOMAIN = process.env.BENCH_TIME_DOMAIN === 'timeTicks' ? 'timeTicks' : 'threadTicks';
const DATABASE = process.env.BENCH_DATABASE ?? 'postgres';
const DASHBOARD = join(__dirname, '..', 'dist', 'dashboard', 'index.html');

/** The main-thread durations Chromium reports, in seconds since the page opened. */
const DURATIONS = ['TaskDuration', 'ScriptDuration', 'LayoutDuration', 'RecalcStyleDuration'] as const;

interface WindowFigures {
  label: string;
  wallSeconds: number;
  /** Snapshots the page received during the window (socket.io frames). */
  updates: number;
  snapshotBytes: number;
  durations: Record<(typeof DURATIONS)[number], number>;
  heapUsedMb: { start: number; end: number };
  domNodes: { start: number; end: number };
  layouts: number;
  styleRecalcs: number;
  serverCpuPercent: number;
}

async function main(): Promise<void> {
  if (!existsSync(DASHBOARD)) throw new Error('dist/dashboard is missing: run `npm run build:dashboard` first');
  const server = await startAttuneServer({ database: DATABASE, name: 'dashboard' });
  const browser = await launchChromium();
  let feed: { stop(): Promise<void> } | undefined;
  try {
    const admin = new ApiClient(server.baseUrl, server.adminToken);
    const session = await createTestSession(admin, { memberCount: MEMBERS });
    const link = await admin.post<{ url: string }>(`/api/v1/sessions/${session.sessionId}/facilitator-link`);
    if (link.status !== 201) throw new Error(`facilitator link: HTTP ${link.status}`);
    feed = feedSession(server.baseUrl, session, groupScript(MEMBERS));

    const page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
    const cdp = await page.context().newCDPSession(page);
    const frames = countSnapshotFrames(cdp);
    await cdp.send('Network.enable');
    await cdp.send('Performance.enable', { timeDomain: TIME_DOMAIN });
    await page.goto(server.baseUrl + link.body.url);
    await page.locator('[data-participant]').nth(MEMBERS).waitFor({ timeout: 30_000 });
    await page.locator('.tile .state', { hasText: 'Connected' }).first().waitFor({ timeout: 60_000 });
    await sleep(WARMUP_SECONDS * 1000);
    const charts = await markChartCanvases(page);

    console.log(
      `dashboard: ${MEMBERS} members + facilitator fed at 1 Hz, ${SECONDS} s per window, ` +
        `Chromium ${browser.version()}, durations in ${TIME_DOMAIN}`,
    );
    const figures = [await measure('full view', page, cdp, frames, server)];
    await page.getByRole('button', { name: 'Calm mode: off' }).click();
    await page.getByRole('button', { name: 'Calm mode: on' }).waitFor();
    figures.push(await measure('calm mode', page, cdp, frames, server));
    for (const window of figures) print(window);
    console.log(`charts: ${await chartCanvasesKept(page, charts)}`);
  } finally {
    await feed?.stop().catch(() => undefined);
    await browser.close();
    await server.stop();
  }
}

/**
 * A group at work: members take 5 s turns in rotation with short overlaps, the facilitator
 * speaks every 4 s, one member hides their tab and mutes, another turns their camera off.
 */
function groupScript(members: number): FeedScript {
  return (index, tick, now) => {
    const messages: unknown[] = [];
    if (index === 0 && tick % 4 === 0) messages.push({ kind: 'utterance', start: now - 1500, end: now - 200 });
    if (index > 0 && Math.floor(tick / 5) % members === index - 1) {
      messages.push({ kind: 'utterance', start: now - 1200, end: now - 100 });
    }
    if (index === 2 && tick === 1) {
      messages.push({ kind: 'client-event', at: now, type: 'visibility', state: 'hidden' });
      messages.push({ kind: 'client-event', at: now, type: 'mic', state: 'off' });
    }
    if (index === 3 && tick === 1) messages.push({ kind: 'client-event', at: now, type: 'camera', state: 'off' });
    return messages;
  };
}

/** Counts the `snapshot` events socket.io delivers to the page, and their size. */
function countSnapshotFrames(cdp: CDPSession): { count: number; bytes: number } {
  const frames = { count: 0, bytes: 0 };
  cdp.on('Network.webSocketFrameReceived', ({ response }) => {
    if (!response.payloadData.startsWith('42/live,["snapshot"')) return;
    frames.count++;
    frames.bytes += response.payloadData.length;
  });
  return frames;
}

async function measure(
  label: string,
  page: Page,
  cdp: CDPSession,
  frames: { count: number; bytes: number },
  server: AttuneServer,
): Promise<WindowFigures> {
  // Heap and DOM nodes are read after a full collection, so garbage waiting for the next GC
  // (replaced badges, old snapshots) does not look like growth; the GC itself is not measured.
  await cdp.send('HeapProfiler.collectGarbage');
  const before = await metrics(cdp);
  const framesBefore = { ...frames };
  const serverCpuBefore = cpuSeconds(server.process.pid!);
  const startedAt = performance.now();
  await sleep(SECONDS * 1000);
  const wallSeconds = (performance.now() - startedAt) / 1000;
  const after = await metrics(cdp);
  const updates = frames.count - framesBefore.count;
  await cdp.send('HeapProfiler.collectGarbage');
  const afterCollection = await metrics(cdp);
  await page.title(); // the page is still alive
  return {
    label,
    wallSeconds,
    updates,
    snapshotBytes: updates > 0 ? (frames.bytes - framesBefore.bytes) / updates : NaN,
    durations: Object.fromEntries(DURATIONS.map((name) => [name, after[name] - before[name]])) as Record<
      (typeof DURATIONS)[number],
      number
    >,
    heapUsedMb: { start: before.JSHeapUsedSize / 2 ** 20, end: afterCollection.JSHeapUsedSize / 2 ** 20 },
    domNodes: { start: before.Nodes, end: afterCollection.Nodes },
    layouts: after.LayoutCount - before.LayoutCount,
    styleRecalcs: after.RecalcStyleCount - before.RecalcStyleCount,
    serverCpuPercent: ((cpuSeconds(server.process.pid!) - serverCpuBefore) / wallSeconds) * 100,
  };
}

async function metrics(cdp: CDPSession): Promise<Record<string, number>> {
  const { metrics: list } = await cdp.send('Performance.getMetrics');
  return Object.fromEntries(list.map(({ name, value }) => [name, value]));
}

function print(window: WindowFigures): void {
  const perUpdate = (seconds: number) => ((seconds * 1000) / Math.max(1, window.updates)).toFixed(2);
  const ofCore = (seconds: number) => ((seconds / window.wallSeconds) * 100).toFixed(2);
  console.log(
    `\n${window.label}: ${window.updates} snapshots in ${window.wallSeconds.toFixed(1)} s ` +
      `(${(window.snapshotBytes / 1024).toFixed(1)} KiB each)`,
  );
  console.log('  main thread      % of one core   ms per update');
  for (const name of DURATIONS) {
    const seconds = window.durations[name];
    console.log(`  ${name.padEnd(20)} ${ofCore(seconds).padStart(8)} %   ${perUpdate(seconds).padStart(10)}`);
  }
  console.log(
    `  layouts ${window.layouts}, style recalcs ${window.styleRecalcs}; ` +
      `after GC: JS heap used ${window.heapUsedMb.start.toFixed(1)} → ${window.heapUsedMb.end.toFixed(1)} MB; ` +
      `DOM nodes ${window.domNodes.start} → ${window.domNodes.end}; server CPU ${window.serverCpuPercent.toFixed(1)} %`,
  );
}

/** Tags the two chart canvases, so the end can tell whether the charts were rebuilt meanwhile. */
async function markChartCanvases(page: Page): Promise<number> {
  return page.evaluate(() => {
    const canvases = document.querySelectorAll('.chart canvas');
    canvases.forEach((canvas) => canvas.setAttribute('data-bench', 'kept'));
    return canvases.length;
  });
}

async function chartCanvasesKept(page: Page, marked: number): Promise<string> {
  const now = await page.evaluate(() => ({
    all: document.querySelectorAll('.chart canvas').length,
    kept: document.querySelectorAll('.chart canvas[data-bench="kept"]').length,
  }));
  return `${marked} canvases at the start, ${now.kept} of the ${now.all} at the end are the same elements`;
}

// --- the server (its own process, so the feeder does not share its event loop) ------------

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

main().catch((error: unknown) => {
  console.error(error instanceof Error ? (error.stack ?? error.message) : String(error));
  process.exit(1);
});
