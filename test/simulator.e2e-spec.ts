import type { SessionSnapshot } from '@attune/metrics';
import { mkdtempSync, readFileSync, rmSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runAnalyzeCommand, type AnalyzeReport } from '../apps/api/src/cli/analyze.command';
import { groundTruthOf, type GroundTruth } from '../apps/simulator/src/output/ground-truth';
import { recordingIdentity, simulateSession } from '../apps/simulator/src/output/simulated-session';
import { defaultPersonas, type MemberPersona } from '../apps/simulator/src/scenario/personas';
import { buildScenario, type SpeechSource } from '../apps/simulator/src/scenario/scenario';
import { AdminApi } from '../apps/simulator/src/sinks/admin-api';
import { writeRecording } from '../apps/simulator/src/sinks/file-sink';
import { createServerSession, sendLive } from '../apps/simulator/src/sinks/live-sink';
import { ApiClient } from './support/api-client';
import { queryTestDatabase } from './support/db';
import { startTestApp, type TestApp } from './support/test-app';

/*
 * The simulator against the real server and the real analysis: a short session played live at
 * high speed through ingest and the pipeline must show each persona as what it is, and its
 * recordings run through `attune analyze` must give back the speaking time it generated.
 */

const LIVE_PERSONAS: MemberPersona[] = ['talkative', 'quiet', 'distracted', 'poor-network', 'dropper'];
const LIVE_SECONDS = 5 * 60;
const LIVE_SPEED = 20;

describe('Simulator', () => {
  let running: TestApp | undefined;
  const directories: string[] = [];
  afterEach(async () => {
    await running?.close();
    running = undefined;
    for (const directory of directories.splice(0)) rmSync(directory, { recursive: true, force: true });
  });

  it('plays a session live at 20× through ingest, and the pipeline recognises every persona', async () => {
    running = await startTestApp();
    const api = new AdminApi(running.baseUrl, running.adminToken);
    const scenario = buildScenario({
      personas: LIVE_PERSONAS,
      durationSeconds: LIVE_SECONDS,
      seed: 7,
      speech: 'utterances',
    });
    const server = await createServerSession(api, scenario, { title: 'Simulated', tokenTtlSeconds: 3600 });
    const session = simulateSession(scenario, server.identity, Date.now());
    const truth = groundTruthOf(session);
    const idOf = (persona: string) => {
      const found = truth.participants.find((participant) => participant.persona === persona);
      if (!found) throw new Error(`no ${persona} in the ground truth`);
      return found;
    };

    // Watch the live snapshots while the session plays, as the dashboard does.
    const admin = new ApiClient(running.baseUrl, running.adminToken);
    const seen = new SnapshotLog();
    const watching = seen.watch(admin, server.identity.sessionId);
    const tally = await sendLive(session, { wsBaseUrl: running.wsUrl, tokens: server.tokens }, { speed: LIVE_SPEED });
    await seen.until((snapshot) => snapshot.watermark >= session.endMs - 1000, 30_000);
    seen.stop();
    await watching;

    expect(tally).toMatchObject({ rejected: 0, partial: 0, duplicate: 0 });
    expect(tally.accepted).toBe(tally.sent);
    const last = seen.latest!;
    expect(last.lateMessages).toBe(0);

    // Quiet has the lowest share of the members' talk; the ground truth agrees.
    const shares = last.speaking.participants.filter((participant) => participant.role === 'member');
    const quiet = shares.find((participant) => participant.participantId === idOf('quiet').participantId);
    expect(quiet?.talkShare).toBe(Math.min(...shares.map((participant) => participant.talkShare ?? 0)));
    const members = truth.participants.filter((participant) => participant.role === 'member');
    expect(idOf('quiet').speakingSeconds).toBe(Math.min(...members.map((member) => member.speakingSeconds)));

    // The poor network is degraded most of the time it is there; nobody else ever is.
    const poorNetwork = idOf('poor-network').participantId;
    expect(seen.shareInState(poorNetwork, 'degraded')).toBeGreaterThan(0.5);
    for (const member of members) {
      if (member.persona !== 'poor-network') expect(seen.shareInState(member.participantId, 'degraded')).toBe(0);
    }

    // The dropper drops as often as their network failed, and only they do.
    const drops = (participantId: string) =>
      last.participants.find((participant) => participant.participantId === participantId)?.connection.drops;
    expect(idOf('dropper').drops.length).toBeGreaterThanOrEqual(1);
    expect(drops(idOf('dropper').participantId)).toBe(idOf('dropper').drops.length);
    for (const member of members) if (member.persona !== 'dropper') expect(drops(member.participantId)).toBe(0);

    // The distracted member's hidden tab shows live, and is stored as episodes once the session ends.
    const distracted = idOf('distracted');
    expect(distracted.episodes.hidden.length).toBeGreaterThanOrEqual(1);
    expect(seen.observed(distracted.participantId, 'tab-hidden')).toBe(true);
    await api.endSession(server.identity.sessionId);
    const hidden = await waitForRows(
      () =>
        queryTestDatabase<{ start_at: Date; end_at: Date }>(
          `SELECT start_at, end_at FROM episode WHERE session_id = $1 AND participant_id = $2 AND type = 'tab-hidden' ORDER BY start_at`,
          [server.identity.sessionId, distracted.participantId],
        ),
      distracted.episodes.hidden.length,
    );
    expect(hidden.map((row) => [row.start_at.getTime(), row.end_at.getTime()])).toEqual(distracted.episodes.hidden);
  }, 180_000);

  it.each<[SpeechSource, number, number]>([
    // Device utterances are the ground truth itself, but until a member's first one arrives the
    // server estimates their speech from energy, and the hand-over loses a second or two of the
    // first turn (measured: 131.6 s of 133.9 s sent, seed 21's talkative member).
    ['utterances', 3, 0.03],
    // From microphone energy the server estimates: PRODUCT.md's fallback, a few percent off.
    ['energy', 3, 0.12],
  ])(
    'writes recordings whose analysis gives back the speaking time it generated (%s)',
    async (speech, toleranceSeconds, toleranceShare) => {
      const directory = mkdtempSync(join(tmpdir(), 'attune-simulator-'));
      directories.push(directory);
      const scenario = buildScenario({ personas: defaultPersonas(8), durationSeconds: 10 * 60, seed: 21, speech });
      const written = writeRecording(
        simulateSession(scenario, recordingIdentity(scenario), Date.UTC(2026, 0, 5, 18)),
        directory,
      );
      const truth = JSON.parse(readFileSync(written.groundTruthFile, 'utf8')) as GroundTruth;

      const stderr: string[] = [];
      const reportFile = join(directory, 'report.json');
      const status = await runAnalyzeCommand([written.recordingsDirectory, '--format', 'json', '--out', reportFile], {
        stdout: () => undefined,
        stderr: (text) => stderr.push(text),
        writeFile: (file, text) => writeFile(file, text, 'utf8'),
      });
      expect({ status, stderr }).toEqual({ status: 0, stderr: [] });
      const report = JSON.parse(readFileSync(reportFile, 'utf8')) as AnalyzeReport;

      expect(report.participants).toHaveLength(truth.participants.length);
      for (const expected of truth.participants) {
        const analysed = report.participants.find((participant) => participant.id === expected.participantId);
        expect(analysed?.role).toBe(expected.role);
        // The simulated collector says when its voice detection started, so even a member who
        // never spoke has their (silent) speech from the device, not estimated from energy.
        expect(analysed?.speaking.source).toBe(speech);
        const error = Math.abs((analysed?.speaking.seconds ?? 0) - expected.speakingSeconds);
        expect(error).toBeLessThanOrEqual(Math.max(toleranceSeconds, toleranceShare * expected.speakingSeconds));
        expect(analysed?.connectivity.drops).toBe(expected.drops.length);
        const hiddenSeconds = expected.episodes.hidden.reduce((sum, [start, end]) => sum + (end - start) / 1000, 0);
        expect(analysed?.distraction.hiddenSeconds).toBeCloseTo(hiddenSeconds, 1);
      }
    },
    120_000,
  );
});

/** The snapshots seen while polling the live pipeline, as a dashboard would see them. */
class SnapshotLog {
  latest: SessionSnapshot | undefined;
  private readonly states = new Map<string, Map<string, number>>();
  private readonly observations = new Map<string, Set<string>>();
  private stopped = false;

  async watch(admin: ApiClient, sessionId: string): Promise<void> {
    while (!this.stopped) {
      const response = await admin.get<SessionSnapshot>(`/api/v1/sessions/${sessionId}/snapshot`);
      if (response.status === 200) this.record(response.body);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  stop(): void {
    this.stopped = true;
  }

  async until(condition: (snapshot: SessionSnapshot) => boolean, timeoutMs: number): Promise<void> {
    const deadline = Date.now() + timeoutMs;
    while (!(this.latest && condition(this.latest))) {
      if (Date.now() > deadline) throw new Error(`timed out; last snapshot at ${this.latest?.at}`);
      await new Promise((resolve) => setTimeout(resolve, 100));
    }
  }

  /** Share of the snapshots in which the participant was present and in `state`. */
  shareInState(participantId: string, state: string): number {
    const counts = this.states.get(participantId) ?? new Map<string, number>();
    const present = [...counts.entries()].filter(([name]) => name !== 'left');
    const total = present.reduce((sum, [, count]) => sum + count, 0);
    return total === 0 ? 0 : (counts.get(state) ?? 0) / total;
  }

  observed(participantId: string, type: string): boolean {
    return this.observations.get(participantId)?.has(type) ?? false;
  }

  private record(snapshot: SessionSnapshot): void {
    if (this.latest?.at === snapshot.at) return;
    this.latest = snapshot;
    for (const participant of snapshot.participants) {
      const counts = this.states.get(participant.participantId) ?? new Map<string, number>();
      counts.set(participant.connection.state, (counts.get(participant.connection.state) ?? 0) + 1);
      this.states.set(participant.participantId, counts);
      const types = this.observations.get(participant.participantId) ?? new Set<string>();
      for (const observation of participant.ongoingObservations) types.add(observation.type);
      this.observations.set(participant.participantId, types);
    }
  }
}

async function waitForRows<Row>(query: () => Promise<Row[]>, count: number, timeoutMs = 15_000): Promise<Row[]> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await query();
    if (rows.length >= count || Date.now() > deadline) return rows;
    await new Promise((resolve) => setTimeout(resolve, 200));
  }
}
