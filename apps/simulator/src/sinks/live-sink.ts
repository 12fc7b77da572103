import type { Scenario } from '../scenario/scenario';
import { envelopeSteps, type SessionIdentity, type SimulatedSession } from '../output/simulated-session';
import type { AdminApi } from './admin-api';
import { IngestConnection, type IngestTally } from './ingest-connection';

/** A session created on the server for a scenario: ids for the devices, a token for each. */
export interface ServerSession {
  identity: SessionIdentity;
  tokens: ReadonlyMap<string, string>;
  facilitatorLink: string;
}

const FIRST_NAMES = ['Alex', 'Sam', 'Robin', 'Kai', 'Noor', 'Jules', 'Mika', 'Ari', 'Remy', 'Sasha', 'Toni', 'Eli'];

/** How the dashboard names a simulated participant: a first name and what they are simulating. */
export function displayNameOf(scenario: Scenario, key: string): string {
  const index = scenario.plans.findIndex((plan) => plan.key === key);
  const plan = scenario.plans[index];
  if (plan.role === 'facilitator') return 'Dr. Rivera (facilitator)';
  return `${FIRST_NAMES[(index - 1) % FIRST_NAMES.length]} (${plan.persona})`;
}

/**
 * Creates the scenario's session through the admin API — organisation, group, session with
 * its facilitator, the members (with consent to storage) and an ingest token each — and
 * starts it, as a video app integrating Attune would.
 */
export async function createServerSession(
  api: AdminApi,
  scenario: Scenario,
  options: { title: string; tokenTtlSeconds: number },
): Promise<ServerSession> {
  const organisation = await api.createOrganisation('Simulated practice');
  const group = await api.createGroup(organisation.id, 'Simulated group');
  const session = await api.createSession({
    groupId: group.id,
    title: options.title,
    scheduledStart: new Date(),
    facilitatorName: displayNameOf(scenario, 'facilitator'),
  });
  const participantIds = new Map<string, string>([['facilitator', session.facilitatorId]]);
  for (const plan of scenario.plans) {
    if (plan.role === 'facilitator') continue;
    participantIds.set(plan.key, (await api.addMember(session.id, displayNameOf(scenario, plan.key))).id);
  }
  const tokens = new Map<string, string>();
  for (const [key, participantId] of participantIds) {
    tokens.set(key, await api.issueIngestToken(session.id, participantId, options.tokenTtlSeconds));
  }
  await api.startSession(session.id);
  return {
    identity: { sessionId: session.id, participantIds },
    tokens,
    facilitatorLink: await api.facilitatorLink(session.id),
  };
}

export interface LiveProgress {
  /** Simulated seconds sent so far, and in all. */
  simulatedSeconds: number;
  durationSeconds: number;
  /** Simulated seconds per real second so far: below the asked speed when the server acknowledges slower. */
  achievedSpeed: number;
  tally: IngestTally;
}

export interface SendLiveOptions {
  speed: number;
  signal?: AbortSignal;
  /** Called about every 10 s of real time. */
  onProgress?: (progress: LiveProgress) => void;
}

/**
 * How much simulated time one envelope covers: a quarter second at real time (a collector
 * sends each report as it has it), more at higher speed so that each connection stays near 4
 * envelopes a second, far below the server's rate limit (50/s by default). Never more than
 * 4 s: all members send each step together, so the spread between them stays inside the
 * pipeline's allowed lateness (5 s) and nothing arrives late.
 */
export function liveStepMs(speed: number): number {
  return Math.min(4000, Math.max(250, 250 * speed));
}

/** How long a step waits for the server's acks before the run moves on regardless. */
const STEP_ACK_TIMEOUT_MS = 5_000;

/**
 * Sends the simulated session to a running api over one ingest WebSocket per participant,
 * in step with the simulated clock: a step whose envelopes leave the devices at simulated time
 * t is sent at wall time start + (t − start) / speed, or as soon as the previous step is
 * acknowledged if the server is slower than that.
 */
export async function sendLive(
  session: SimulatedSession,
  server: { wsBaseUrl: string; tokens: ReadonlyMap<string, string> },
  options: SendLiveOptions,
): Promise<IngestTally> {
  const connections = new Map<string, IngestConnection>();
  try {
    for (const device of session.devices) {
      const token = server.tokens.get(device.plan.key);
      if (token === undefined) throw new Error(`no ingest token for ${device.plan.key}`);
      connections.set(device.participantId, await IngestConnection.open(server.wsBaseUrl, token));
    }
    const wallAt = (simulatedMs: number): number => session.startMs + (simulatedMs - session.startMs) / options.speed;
    const startedAt = Date.now();
    let nextProgressAt = startedAt + 10_000;
    const durationSeconds = session.scenario.options.durationSeconds;
    for (const step of envelopeSteps(session, liveStepMs(options.speed))) {
      const waitMs = wallAt(step.untilMs) - Date.now();
      if (waitMs > 0) await sleep(waitMs, options.signal);
      if (options.signal?.aborted) break;
      for (const envelope of step.envelopes) connections.get(envelope.participantId)?.send(envelope);
      // The next step leaves only once the server has taken this one from everybody. A server
      // that falls behind reads each socket's backlog in turn, so one member's later steps
      // could overtake another's earlier ones and arrive as late data; in step, they cannot.
      await Promise.all([...connections.values()].map((connection) => connection.drain(STEP_ACK_TIMEOUT_MS)));
      if (options.onProgress && Date.now() >= nextProgressAt) {
        nextProgressAt += 10_000;
        const simulatedSeconds = Math.min(durationSeconds, (step.untilMs - session.startMs) / 1000);
        options.onProgress({
          simulatedSeconds,
          durationSeconds,
          achievedSpeed: simulatedSeconds / ((Date.now() - startedAt) / 1000),
          tally: sumTallies([...connections.values()].map((connection) => connection.tally)),
        });
      }
    }
    await Promise.all([...connections.values()].map((connection) => connection.drain(10_000)));
    return sumTallies([...connections.values()].map((connection) => connection.tally));
  } finally {
    for (const connection of connections.values()) connection.close();
  }
}

export function sumTallies(tallies: readonly IngestTally[]): IngestTally {
  const total: IngestTally = { sent: 0, accepted: 0, partial: 0, duplicate: 0, rejected: 0, resent: 0, problems: [] };
  for (const tally of tallies) {
    total.sent += tally.sent;
    total.accepted += tally.accepted;
    total.partial += tally.partial;
    total.duplicate += tally.duplicate;
    total.rejected += tally.rejected;
    total.resent += tally.resent;
    total.problems.push(...tally.problems);
  }
  return total;
}

function sleep(ms: number, signal: AbortSignal | undefined): Promise<void> {
  return new Promise((resolve) => {
    if (signal?.aborted) return resolve();
    const timer = setTimeout(done, ms);
    function done(): void {
      clearTimeout(timer);
      signal?.removeEventListener('abort', done);
      resolve();
    }
    signal?.addEventListener('abort', done, { once: true });
  });
}
