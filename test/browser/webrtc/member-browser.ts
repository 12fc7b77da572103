import { transformSync } from '@swc/core';
import { existsSync, mkdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser, type CDPSession, type Page } from 'playwright-core';
import { CHROMIUM, CHROMIUM_ARGS } from '../chromium';
import { startChild, type StartedChild } from './child-process';
import type { NamespaceBridge } from './namespace-bridge';
import type { NetworkNamespace } from './network-namespace';
import type { MemberPageApi } from './page/member-page';

/**
 * One member = one Chromium process inside the namespace (the fake microphone is a per-process
 * flag) with one tab, served on the api's origin (a secure context, same-origin with
 * /collector.js).
 *
 * Chromium is started by us and playwright attaches over CDP with `noDefaults`, rather than
 * `chromium.launch()`: launch() turns on focus emulation for every page, which keeps a page
 * "visible" whatever happens to its window, so minimising it would never fire
 * `visibilitychange`. Attached this way, minimising the window really hides the page.
 */
export interface MemberBrowser {
  name: string;
  page: Page;
  cdp: CDPSession;
  call<Name extends keyof MemberPageApi>(
    name: Name,
    ...args: Parameters<MemberPageApi[Name]>
  ): Promise<Awaited<ReturnType<MemberPageApi[Name]>>>;
  /** Minimises (hidden: true) or restores the member's window: the page's visibilityState follows. */
  setHidden(hidden: boolean): Promise<void>;
  close(): Promise<void>;
}

export interface LaunchMemberOptions {
  name: string;
  namespace: NetworkNamespace;
  bridge: NamespaceBridge;
  /** Chromium's DevTools port inside the namespace (bridged by `bridge`). */
  debuggingPort: number;
  /** Played once as the microphone (no loop), so the member's total speech is exactly the file's. */
  wavPath: string;
  pageOrigin: string;
  /** Profiles live here (a scratch directory)… */
  workDirectory: string;
  /** …and Chromium's output here (the test's artifacts). */
  logDirectory: string;
  /** Page errors and console errors are collected here, to be asserted empty. */
  problems: string[];
}

const PAGE_SCRIPT = '/__attune-e2e__/member-page.js';

/** The browser tests' flags, plus fake devices and WebRTC over loopback (DEPENDENCIES.md). */
const MEMBER_ARGS = [
  ...CHROMIUM_ARGS,
  '--use-fake-device-for-media-stream',
  '--use-fake-ui-for-media-stream',
  '--allow-loopback-in-peer-connection',
  '--autoplay-policy=no-user-gesture-required',
];

export async function launchMember(options: LaunchMemberOptions): Promise<MemberBrowser> {
  if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
  const profile = join(options.workDirectory, `profile-${options.name}`);
  mkdirSync(profile, { recursive: true });
  const { executable, args } = options.namespace.command(CHROMIUM, [
    ...MEMBER_ARGS,
    `--use-file-for-fake-audio-capture=${options.wavPath}%noloop`,
    `--remote-debugging-port=${options.debuggingPort}`,
    `--user-data-dir=${profile}`,
    'about:blank',
  ]);
  const process_: StartedChild = await startChild({
    executable,
    args,
    cwd: options.workDirectory,
    env: process.env,
    logFile: join(options.logDirectory, `chromium-${options.name}.log`),
    readyLine: 'DevTools listening on',
    timeoutMs: 60_000,
  });
  let browser: Browser | undefined;
  try {
    // "DevTools listening on ws://127.0.0.1:<port>/devtools/browser/<id>": the same path, through the bridge.
    const path = /DevTools listening on ws:\/\/[^/\s]+(\/devtools\/browser\/\S+)/.exec(process_.readyOutput)?.[1];
    if (!path) throw new Error(`no DevTools endpoint in Chromium's output: ${process_.readyOutput}`);
    const endpoint = options.bridge.urlOf(options.debuggingPort).replace('http://', 'ws://') + path;
    browser = await chromium.connectOverCDP(endpoint, { noDefaults: true, timeout: 30_000 });
    const page = browser.contexts()[0].pages()[0] ?? (await browser.contexts()[0].waitForEvent('page'));
    await servePageScript(page, options.pageOrigin);
    await openMemberPage(page, options.pageOrigin);
    watchProblems(page, options);
    const cdp = await page.context().newCDPSession(page);
    const { windowId } = await cdp.send('Browser.getWindowForTarget');
    // Each member has its own window and only one can have the focus: emulate it, as playwright
    // would, or every member but one records a window-blur episode.
    await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
    const connected = browser;
    return {
      name: options.name,
      page,
      cdp,
      call: (name, ...parameters) => callPage(page, name, parameters) as never,
      setHidden: async (hidden) => {
        // Focus emulation also keeps the page visible (DevTools counts as capturing it): off while hidden.
        if (hidden) await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: false });
        await cdp.send('Browser.setWindowBounds', {
          windowId,
          bounds: { windowState: hidden ? 'minimized' : 'normal' },
        });
        if (!hidden) await cdp.send('Emulation.setFocusEmulationEnabled', { enabled: true });
      },
      close: async () => {
        await connected.close().catch(() => undefined);
        await process_.stop();
      },
    };
  } catch (error) {
    await browser?.close().catch(() => undefined);
    await process_.stop();
    throw error;
  }
}

function callPage(page: Page, name: string, parameters: unknown[]): Promise<unknown> {
  return page.evaluate(
    ([method, values]) => {
      const member = (globalThis as unknown as { attuneMember: Record<string, (...args: unknown[]) => unknown> })
        .attuneMember;
      return member[method](...values);
    },
    [name, parameters] as [string, unknown[]],
  );
}

function watchProblems(page: Page, options: LaunchMemberOptions): void {
  page.on('pageerror', (error) => options.problems.push(`${options.name}: ${redactTokens(error.message)}`));
  page.on('console', (message) => {
    if (message.type() === 'error') options.problems.push(`${options.name} console: ${redactTokens(message.text())}`);
  });
}

/** Chromium's own messages quote URLs, and the ingest WebSocket URL carries the token: never print it. */
function redactTokens(text: string): string {
  return text.replace(/token=[^&\s'"]+/g, 'token=***').replace(/eyJ[\w-]+\.[\w-]+\.[\w-]+/g, '***');
}

/** The page's script comes from the test; everything else (/collector.js, ingest) from the api. */
async function servePageScript(page: Page, origin: string): Promise<void> {
  await page.route(`${origin}${PAGE_SCRIPT}`, (route) =>
    route.fulfill({ contentType: 'text/javascript', body: memberPageScript() }),
  );
}

/**
 * The document must really come from the api over loopback: Chromium's Local Network Access
 * checks treat a document that playwright fulfilled as public, and then block its WebSocket to
 * 127.0.0.1 (the collector would quietly fall back to HTTP). So the page opens a real api URL
 * (a 404 is fine) and its content is replaced in place, which keeps the document's origin and
 * address space.
 */
async function openMemberPage(page: Page, origin: string): Promise<void> {
  await page.goto(`${origin}/__attune-e2e__/member`);
  await page.setContent(MEMBER_HTML);
  await page.waitForFunction(() => 'attuneMember' in globalThis);
}

const MEMBER_HTML = `<!doctype html>
<html><head><meta charset="utf-8"><title>member</title></head>
<body><script type="module" src="${PAGE_SCRIPT}"></script></body></html>`;

let compiledScript: string | undefined;

/** The page module, its types stripped. */
function memberPageScript(): string {
  compiledScript ??= transformSync(readFileSync(join(__dirname, 'page', 'member-page.ts'), 'utf8'), {
    filename: 'member-page.ts',
    jsc: { parser: { syntax: 'typescript' }, target: 'es2022' },
    module: { type: 'es6' },
    sourceMaps: false,
  }).code;
  return compiledScript;
}
