import { repositoryRoot } from '../../../api/src/bootstrap/paths';
import { groundTruthOf } from '../output/ground-truth';
import { recordingIdentity, simulateSession } from '../output/simulated-session';
import { amiRttmDirectory, loadAmiMeeting } from '../scenario/ami-replay';
import { buildScenario, type Scenario } from '../scenario/scenario';
import { AdminApi } from '../sinks/admin-api';
import { writeRecording } from '../sinks/file-sink';
import { createServerSession, sendLive } from '../sinks/live-sink';
import type { SimulateArguments } from './simulate-arguments';

export interface SimulatorIo {
  stdout(text: string): void;
  stderr(text: string): void;
}

/** The scenario the arguments describe (the AMI meeting is read from the shared fixtures). */
export function scenarioFor(args: SimulateArguments): Scenario {
  const ami = args.ami === undefined ? undefined : loadAmiMeeting(args.ami, amiRttmDirectory(repositoryRoot()));
  const minutes = args.minutes ?? (ami ? Math.ceil(ami.durationSeconds + 5) / 60 : 20);
  return buildScenario({
    personas: args.personas,
    durationSeconds: Math.round(minutes * 60),
    seed: args.seed,
    speech: args.speech,
    ami,
  });
}

/** A file run: the recordings and their ground truth. */
export function runFileSimulation(args: SimulateArguments, outDirectory: string, io: SimulatorIo): void {
  const scenario = scenarioFor(args);
  // A recording's clock starts on a whole minute of the seed's own fixed day, so that the same
  // seed gives byte-identical files whenever it is run.
  const startMs = Date.UTC(2026, 0, 5, 18, 0, 0) + (args.seed % 1440) * 60_000;
  const session = simulateSession(scenario, recordingIdentity(scenario), startMs);
  const written = writeRecording(session, outDirectory);
  io.stdout(
    `Wrote ${written.envelopes} envelopes (${written.messages} messages) of ${session.devices.length} participants ` +
      `to ${written.recordingsDirectory}\nGround truth: ${written.groundTruthFile}\n` +
      `Analyze them with: npm run analyze -- ${written.recordingsDirectory} --format table\n`,
  );
}

/**
 * A live run against a running api. The simulated clock starts now and, at a speed above 1,
 * runs ahead of the wall clock. That is safe because the pipeline runs on event time and never
 * compares it with the server's clock: the session's event-time clock follows the newest
 * event time it has seen (jumps of up to 6 h are believed), the watermark trails it by the
 * allowed lateness (5 s), and ingest tokens expire by the wall clock, which the simulator's
 * token lifetime covers. Starting the clock in the past instead (so the run ends at "now")
 * would break something real: the dashboard's one-tap events are stamped with the server's
 * time, and one event ahead of the session's clock would re-anchor it, turning every later
 * simulated message into late data. Ahead of the wall clock, such a tap is merely late.
 */
export async function runLiveSimulation(
  args: SimulateArguments,
  target: { apiUrl: string; adminToken: string },
  io: SimulatorIo,
  signal?: AbortSignal,
): Promise<{ sessionId: string; facilitatorLink: string }> {
  const scenario = scenarioFor(args);
  const api = new AdminApi(target.apiUrl, target.adminToken);
  const durationSeconds = scenario.options.durationSeconds;
  const server = await createServerSession(api, scenario, {
    title: `Simulated session (seed ${args.seed})`,
    // Covers the run in real time (tokens expire by the wall clock), with an hour to spare.
    tokenTtlSeconds: Math.ceil(durationSeconds / args.speed) + 3600,
  });
  io.stdout(
    `Session ${server.identity.sessionId} is live with ${scenario.plans.length - 1} members and a facilitator.\n` +
      `Dashboard (facilitator view): ${server.facilitatorLink}\n`,
  );
  const session = simulateSession(scenario, server.identity, Date.now());
  const tally = await sendLive(
    session,
    { wsBaseUrl: target.apiUrl.replace(/^http/, 'ws'), tokens: server.tokens },
    {
      speed: args.speed,
      signal,
      onProgress: ({ simulatedSeconds, achievedSpeed, tally: sofar }) =>
        io.stdout(
          `  ${clock(simulatedSeconds)} of ${clock(durationSeconds)} simulated (${achievedSpeed.toFixed(1)}×) · ` +
            `${sofar.sent} envelopes sent, ${sofar.rejected + sofar.partial} with rejections\n`,
        ),
    },
  );
  await api.endSession(server.identity.sessionId);
  io.stdout(
    `Session ended. Envelopes: ${tally.sent} sent, ${tally.accepted} accepted, ${tally.partial} partial, ` +
      `${tally.rejected} rejected, ${tally.duplicate} duplicates, ${tally.resent} resent.\n`,
  );
  if (tally.problems.length > 0) io.stderr(`Problems the server reported:\n  ${tally.problems.join('\n  ')}\n`);
  const truth = groundTruthOf(session);
  io.stdout(
    `Ground truth (speaking seconds): ${truth.participants
      .map((participant) => `${participant.key} ${participant.speakingSeconds.toFixed(0)}`)
      .join(', ')}\n`,
  );
  return { sessionId: server.identity.sessionId, facilitatorLink: server.facilitatorLink };
}

function clock(seconds: number): string {
  const whole = Math.round(seconds);
  return `${Math.floor(whole / 60)}:${String(whole % 60).padStart(2, '0')}`;
}
