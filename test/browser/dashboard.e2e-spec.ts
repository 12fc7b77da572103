import { existsSync, mkdirSync } from 'node:fs';
import { setTimeout as sleep } from 'node:timers/promises';
import { join } from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { repositoryRoot } from '../../apps/api/src/bootstrap/paths';
import { ApiClient } from '../support/api-client';
import { queryTestDatabase } from '../support/db';
import { createTestSession } from '../support/session-fixture';
import { startTestApp, type TestApp } from '../support/test-app';
import { overrideAlertSettings } from './alert-settings';
import { launchChromium } from './chromium';
import { feedSession, quietMembersScript } from './live-feed';

/*
 * The built dashboard (npm run build → dist/dashboard, served by the API at /) in real headless
 * Chromium: a facilitator opens their link while a session is fed through ingest; the tiles
 * fill in and update, and a one-tap event reaches the timeline and the database; a member who
 * goes quiet raises an alert that the facilitator acknowledges by mouse or keyboard, and the
 * acknowledgement reaches the timeline and the database. Screenshots go to test-artifacts/.
 */
const ROOT = repositoryRoot();
const ARTIFACTS = join(ROOT, 'test-artifacts');

describe('Dashboard in Chromium', () => {
  let app: TestApp;
  let browser: Browser;

  beforeAll(async () => {
    // A missing browser or an unbuilt dashboard is a failure, never a skip.
    if (!existsSync(join(ROOT, 'dist', 'dashboard', 'index.html'))) {
      throw new Error('dist/dashboard is missing: run npm run build first');
    }
    app = await startTestApp();
    browser = await launchChromium();
    mkdirSync(ARTIFACTS, { recursive: true });
  }, 60_000); // on a busy machine the app and the browser take longer than Jest's 5 s default
  afterAll(async () => {
    await browser?.close();
    await app?.close();
  }, 30_000);

  it('shows a live session, updates its tiles, and logs an event to the timeline and the database', async () => {
    const admin = new ApiClient(app.baseUrl, app.adminToken);
    const session = await createTestSession(admin, { memberCount: 3, start: false });
    // The gentle camera-off alert after 2 s instead of 2 min.
    await overrideAlertSettings(app.baseUrl, app.adminToken, admin, session.sessionId, { cameraOffSeconds: 2 });
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
      // Stored rows are flushed in batches within a quarter second of being accepted.
      const storedObservations = () =>
        queryTestDatabase<{ participant_id: string; type: string }>(
          `SELECT participant_id, type FROM event WHERE session_id = $1 AND source = 'facilitator'`,
          [session.sessionId],
        );
      await waitUntil(async () => (await storedObservations()).length > 0, 5_000);
      expect(await storedObservations()).toEqual([{ participant_id: session.members[0].id, type: 'withdrawn' }]);

      await page.locator('.timeline .presence', { hasText: 'Member 3 joined' }).waitFor();
      // The alerts module's gentle camera-off alert (its hold lowered to 2 s for the test).
      const alert = page.locator('.alerts .alert', { hasText: 'Member 3: Camera off' });
      await alert.waitFor({ timeout: 15_000 });
      await page.screenshot({ path: join(ARTIFACTS, 'live-view.png'), fullPage: true });

      await alert.getByRole('button', { name: 'Acknowledge' }).click();
      await page.getByText('No alerts. All calm.').waitFor({ timeout: 5_000 });
      await page.getByRole('button', { name: 'Calm mode: off' }).click();
      await page.getByRole('button', { name: 'Calm mode: on' }).waitFor();
      expect(await member1.isVisible()).toBe(false);
      expect(await page.getByText('No alerts. All calm.').isVisible()).toBe(true);
      expect(await page.locator('.timeline .alert', { hasText: 'Camera off' }).count()).toBe(1);
      // Charts are not drawn while hidden; leaving calm mode draws them again, up to date.
      await sleep(1_500);
      await page.getByRole('button', { name: 'Calm mode: on' }).click();
      await page.getByRole('button', { name: 'Calm mode: off' }).waitFor();
      expect(await page.locator('.charts canvas').first().isVisible()).toBe(true);
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
      await feed.stop();
    }
  }, 90_000);

  it('raises the quiet-member alert; acknowledging it by mouse or keyboard shows in the page and is stored', async () => {
    const admin = new ApiClient(app.baseUrl, app.adminToken);
    const session = await createTestSession(admin, { memberCount: 3, start: false });
    // 6 s of silence instead of 10 min, so the alert comes within seconds.
    await overrideAlertSettings(app.baseUrl, app.adminToken, admin, session.sessionId, { quietSilenceMinutes: 0.1 });
    expect((await admin.post(`/api/v1/sessions/${session.sessionId}/start`)).status).toBe(200);
    const link = await admin.post<{ url: string }>(`/api/v1/sessions/${session.sessionId}/facilitator-link`);
    expect(link.status).toBe(201);
    // Members 1 and 2 speak once and then fall silent; the facilitator goes on; member 3 never speaks.
    const feed = feedSession(app.baseUrl, session, quietMembersScript);
    const page = await browser.newPage({ viewport: { width: 1400, height: 1500 } });
    const pageErrors: string[] = [];
    page.on('pageerror', (error) => pageErrors.push(error.message));
    try {
      // The facilitator opens the link mid-session, as the room's first viewer: the server sends
      // the latest snapshot at once, and the timeline must still name who joined.
      await waitUntil(() => Promise.resolve(feed.ticks() >= 8), 30_000);
      await page.goto(app.baseUrl + link.body.url, { timeout: 60_000 });
      const quiet1 = page.locator('.alerts .alert', { hasText: 'Member 1: No speech' });
      const quiet2 = page.locator('.alerts .alert', { hasText: 'Member 2: No speech' });
      // The silence counts on event time, which trails by the allowed lateness (5 s).
      await Promise.all([quiet1.waitFor({ timeout: 60_000 }), quiet2.waitFor({ timeout: 60_000 })]);
      // Only the two quiet members: one who never spoke is not "quiet" (they have until minute 20).
      const others = (await page.locator('.alerts .alert').allTextContents()).filter(
        (text) => !/Member [12]: No speech/.test(text),
      );
      expect(others).toEqual([]);
      await page.screenshot({ path: join(ARTIFACTS, 'quiet-member-alerts.png'), fullPage: true });
      await page.locator('.timeline .presence', { hasText: 'Member 1 joined' }).waitFor({ timeout: 5_000 });
      expect(await page.locator('.timeline', { hasText: 'Someone new' }).count()).toBe(0);

      // The mouse: Member 1's alert.
      await quiet1.getByRole('button', { name: 'Acknowledge' }).click();
      await quiet1.waitFor({ state: 'detached', timeout: 5_000 });
      await timelineAlert(page, 'Member 1', 'acknowledged').waitFor({ timeout: 5_000 });
      expect(await quiet2.isVisible()).toBe(true);

      // The keyboard: from the calm-mode toggle, Tab reaches Member 2's Acknowledge, a real button.
      await page.getByRole('button', { name: 'Calm mode: off' }).focus();
      await page.keyboard.press('Tab');
      const acknowledge2 = quiet2.getByRole('button', { name: 'Acknowledge' });
      expect(await acknowledge2.evaluate((element) => element === document.activeElement)).toBe(true);
      expect(await acknowledge2.evaluate((element) => element.tagName)).toBe('BUTTON');
      await page.keyboard.press('Enter');
      await page.getByText('No alerts. All calm.').waitFor({ timeout: 5_000 });
      await timelineAlert(page, 'Member 2', 'acknowledged').waitFor({ timeout: 5_000 });
      await page.screenshot({ path: join(ARTIFACTS, 'quiet-member-acknowledged.png'), fullPage: true });

      // The supervisor's report reads the stored times.
      const rows = await queryTestDatabase<{ participant_id: string; raised_at: Date; acknowledged_at: Date | null }>(
        `SELECT participant_id, raised_at, acknowledged_at FROM alert
          WHERE session_id = $1 AND rule = 'quiet-member' ORDER BY raised_at, participant_id`,
        [session.sessionId],
      );
      expect(rows.map((row) => row.participant_id).sort()).toEqual(
        [session.members[0].id, session.members[1].id].sort(),
      );
      for (const row of rows) {
        expect(row.acknowledged_at).toBeInstanceOf(Date);
        expect(row.acknowledged_at!.getTime()).toBeGreaterThanOrEqual(row.raised_at.getTime());
      }
      expect(pageErrors).toEqual([]);
    } finally {
      await page.close();
      await feed.stop();
    }
  }, 150_000);
});

/** A member's alert in the timeline, in the given state. */
function timelineAlert(page: Page, memberName: string, status: string) {
  return page.locator('.timeline .alert', { hasText: `${memberName}:` }).filter({ hasText: `(${status})` });
}

async function waitUntil(condition: () => Promise<boolean>, timeoutMs: number): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}
