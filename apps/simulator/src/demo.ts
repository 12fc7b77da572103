#!/usr/bin/env node
/**
 * `npm run demo`: the first thing a newcomer runs. Starts the built Attune on its embedded
 * database (in ./data/demo, apart from `npm start`'s ./data), creates a group session with 8
 * simulated members and a facilitator, plays it live in real time and prints the
 * facilitator's dashboard link. Ctrl-C ends the session and stops the server cleanly.
 */
import { randomBytes } from 'node:crypto';
import { mkdirSync } from 'node:fs';
import { join, relative } from 'node:path';
import { repositoryRoot } from '../../api/src/bootstrap/paths';
import { ApiProcess } from './demo/api-process';
import { simulateSession } from './output/simulated-session';
import { defaultPersonas } from './scenario/personas';
import { buildScenario } from './scenario/scenario';
import { AdminApi } from './sinks/admin-api';
import { createServerSession, sendLive } from './sinks/live-sink';

/** A typical group session: 90 minutes. */
const DEMO_MINUTES = 90;
const DEMO_MEMBERS = 8;
/** The same session every time (`npm run simulate -- --seed 1 --minutes 90` plays it again). */
const DEMO_SEED = 1;

async function main(): Promise<void> {
  const root = repositoryRoot();
  const port = portFromEnvironment();
  const dataDirectory = join(root, 'data', 'demo');
  mkdirSync(dataDirectory, { recursive: true });
  // A fresh admin token every run, passed to the server in its environment: the server keeps
  // only a token's hash and lets ATTUNE_ADMIN_TOKEN win over the one stored on the first
  // start, so a second `npm run demo` on the same data works with its own new token.
  const adminToken = randomBytes(24).toString('base64url');
  const logFile = join(dataDirectory, 'api.log');

  const stop = new AbortController();
  if (await new AdminApi(`http://localhost:${port}`, adminToken).health()) {
    throw new Error(
      `something already answers on port ${port} (another Attune?); stop it or run PORT=3100 npm run demo`,
    );
  }
  const server = ApiProcess.start({ repositoryRoot: root, port, dataDirectory, adminToken, logFile });
  const onSignal = (): void => {
    if (stop.signal.aborted) return;
    process.stdout.write('\nStopping the demo…\n');
    stop.abort();
  };
  process.on('SIGINT', onSignal);
  process.on('SIGTERM', onSignal);

  let sessionId: string | undefined;
  const api = new AdminApi(server.baseUrl, adminToken);
  try {
    process.stdout.write(`Starting Attune on http://localhost:${port} (embedded database in data/demo)…\n`);
    await server.waitUntilHealthy(90_000);

    const scenario = buildScenario({
      personas: defaultPersonas(DEMO_MEMBERS),
      durationSeconds: DEMO_MINUTES * 60,
      seed: DEMO_SEED,
      speech: 'utterances',
    });
    const created = await createServerSession(api, scenario, {
      title: 'Demo session',
      tokenTtlSeconds: DEMO_MINUTES * 60 + 3600,
    });
    sessionId = created.identity.sessionId;
    const members = scenario.plans
      .filter((plan) => plan.role === 'member')
      .map((plan) => plan.persona)
      .join(', ');
    process.stdout.write(
      [
        '',
        `A live ${DEMO_MINUTES}-minute group session is running: a facilitator and ${DEMO_MEMBERS} simulated members`,
        `(${members}).`,
        '',
        'Open the facilitator’s live view:',
        '',
        `    ${created.facilitatorLink}`,
        '',
        `Admin token (for the API at ${server.baseUrl}/api/docs and the dashboard):`,
        '',
        `    ${adminToken}`,
        '',
        `Server log: ${relative(process.cwd(), logFile)}. Press Ctrl-C to stop.`,
        '',
      ].join('\n'),
    );

    const session = simulateSession(scenario, created.identity, Date.now());
    const tally = await sendLive(
      session,
      { wsBaseUrl: server.baseUrl.replace(/^http/, 'ws'), tokens: created.tokens },
      { speed: 1, signal: stop.signal },
    );
    if (tally.rejected + tally.partial > 0) {
      process.stderr.write(`The server refused some data:\n  ${tally.problems.join('\n  ')}\n`);
    }
    await api.endSession(sessionId);
    sessionId = undefined;
    if (!stop.signal.aborted) {
      process.stdout.write('The demo session has ended; its report stays in the dashboard. Press Ctrl-C to stop.\n');
      await new Promise<void>((resolve) => stop.signal.addEventListener('abort', () => resolve(), { once: true }));
    }
  } finally {
    if (sessionId !== undefined) await api.endSession(sessionId).catch(() => undefined);
    const code = await server.stop();
    process.stdout.write(`Attune stopped${code ? ` (exit code ${code})` : ''}.\n`);
    process.off('SIGINT', onSignal);
    process.off('SIGTERM', onSignal);
  }
}

function portFromEnvironment(): number {
  const raw = process.env.PORT?.trim() || '3000';
  const port = Number(raw);
  if (!Number.isInteger(port) || port < 1 || port > 65535) {
    throw new Error(`PORT must be a whole number from 1 to 65535 (got "${raw}")`);
  }
  return port;
}

main().catch((error: unknown) => {
  process.stderr.write(`demo: ${error instanceof Error ? error.message : String(error)}\n`);
  process.exitCode = 1;
});
