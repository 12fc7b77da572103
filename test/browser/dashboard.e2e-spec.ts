import { existsSync, mkdirSync } from 'node:fs';
import { join } from 'node:path';
import { chromium, type Browser } from 'playwright-core';
import { repositoryRoot } from '../../apps/api/src/bootstrap/paths';
import { ApiClient } from '../support/api-client';
import { queryTestDatabase } from '../support/db';
import { createTestSession } from '../support/session-fixture';
import { startTestApp, type TestApp } from '../support/test-app';
import { feedSession } from './live-feed';

/*
 * The built dashboard (npm run build → dist/dashboard, served by the API at /) in real headless
 * Chromium: a facilitator opens their link while a session is fed through ingest; the tiles
 * fill in and update, and a one-tap event reaches the timeline and the database.
 */
const CHROMIUM = '/usr/bin/chromium';
const ROOT = repositoryRoot();

describe('Dashboard in Chromium', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    // A missing browser or an unbuilt dashboard is a failure, never a skip.
    if (!existsSync(CHROMIUM)) throw new Error(`${CHROMIUM} is missing: apt-get install -y chromium`);
    if (!existsSync(join(ROOT, 'dist', 'dashboard', 'index.html'))) {
      throw new Error('dist/dashboard is missing: run npm run build first');
    }
    app = await startTestApp();
    browser = await chromium.launch({
      executablePath: CHROMIUM,
      args: [
        '--headless',
        '--no-sandbox',
        '--disable-gpu',
        '--disable-quic',
        '--no-first-run',
        '--disable-background-networking',
        '--disable-component-update',
        '--disable-sync',
      ],
    });
  });
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  });

  it('shows a live session, updates its tiles, and logs an event to the timeline and the database', async () => {
    const admin = new ApiClient(app.baseUrl, app.adminToken);
    const session = await createTestSession(admin, { memberCount: 3, start: false });
    await lowerCameraOffAlert(app, admin, session.sessionId);
    expect((await admin.post(`/api/v1/sessions/${session.sessionId}/start`)).status).toBe(200);
    const link = await admin.post<{ url: string }>(`/api/v1/sessions/${session.sessionId}/facilitator-link`);
    expect(link.status).toBe(201);
    const feed = feedSession(app.baseUrl, session);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      await page.goto(app.baseUrl + link.body.url);
      expect(page.url()).not.toContain('token='); // the token leaves the address bar

      const member1 = page.locator(`[data-participant="${session.members[0].id}"]`);
      const member2 = page.locator(`[data-participant="${session.members[1].id}"]`);
      await member1.getByRole('heading', { name: 'Member 1' }).waitFor({ timeout: 10_000 });
      await page.getByRole('status').getByText('Live').waitFor();
      // Event time trails by the allowed lateness; then the figures arrive and keep changing.
      await member1.locator('.state', { hasText: 'Connected' }).waitFor({ timeout: 20_000 });
      await member2.locator('.badge', { hasText: 'Hidden tab' }).waitFor({ timeout: 20_000 });
      await member2.locator('.badge', { hasText: 'Muted' }).waitFor();
      const mos = member1.locator('dd').first();
      await waitUntil(async () => /\d\.\d/.test((await mos.textContent()) ?? ''), 20_000);
      const lastSpoke = member1.locator('dd').nth(2);
      const before = await lastSpoke.textContent();
      await waitUntil(async () => (await lastSpoke.textContent()) !== before, 10_000);

      await member1.getByRole('button', { name: 'withdrawn' }).click();
      const entry = page.locator('.timeline .logged', { hasText: 'withdrawn · Member 1' });
      await entry.getByText('can be undone', { exact: false }).waitFor();
      await page.getByRole('button', { name: 'Undo' }).waitFor();
      // After the undo window the event goes through ingest and is stored.
      await page.locator('.timeline .logged-sent', { hasText: 'withdrawn · Member 1' }).waitFor({ timeout: 15_000 });
      const rows = await queryTestDatabase<{ participant_id: string; type: string }>(
        `SELECT participant_id, type FROM event WHERE session_id = $1 AND source = 'facilitator'`,
        [session.sessionId],
      );
      expect(rows).toEqual([{ participant_id: session.members[0].id, type: 'withdrawn' }]);

      await page.locator('.timeline .presence', { hasText: 'Member 3 joined' }).waitFor();
      // The alerts module's gentle camera-off alert (its hold lowered to 2 s for the test).
      const alert = page.locator('.alerts .alert', { hasText: 'Member 3: Camera off' });
      await alert.waitFor({ timeout: 15_000 });
      mkdirSync(join(ROOT, 'test-artifacts'), { recursive: true });
      await page.screenshot({ path: join(ROOT, 'test-artifacts', 'live-view.png'), fullPage: true });

      await alert.getByRole('button', { name: 'Acknowledge' }).click();
      await page.getByText('No alerts. All calm.').waitFor({ timeout: 5_000 });
      await page.getByRole('button', { name: 'Calm mode: off' }).click();
      await page.getByRole('button', { name: 'Calm mode: on' }).waitFor();
      expect(await member1.isVisible()).toBe(false);
      expect(await page.getByText('No alerts. All calm.').isVisible()).toBe(true);
      expect(await page.locator('.timeline .alert', { hasText: 'Camera off' }).count()).toBe(1);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
      await feed.stop();
    }
  }, 90_000);
});

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/** Alert settings are read when a session starts. */
async function lowerCameraOffAlert(app: TestApp, admin: ApiClient, sessionId: string): Promise<void> {
  const session = await admin.get<{ groupId: string }>(`/api/v1/sessions/${sessionId}`);
  const groups = await admin.get<{ id: string; organisationId: string }[]>('/api/v1/groups');
  const organisationId = groups.body.find((group) => group.id === session.body.groupId)?.organisationId;
  const response = await fetch(`${app.baseUrl}/api/v1/organisations/${organisationId}/alert-settings`, {
    method: 'PUT',
    headers: { 'content-type': 'application/json', authorization: `Bearer ${app.adminToken}` },
    body: JSON.stringify({ cameraOffSeconds: 2 }),
  });
  if (response.status !== 200) throw new Error(`alert settings: HTTP ${response.status}`);
}
