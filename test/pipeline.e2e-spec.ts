import {
  eventTimeOf,
  SessionAnalyzer,
  type MetricWindowOutput,
  type SessionInput,
  type SessionSnapshot,
} from '@attune/metrics';
import { SimulatedDevice, speechIn, t } from '@attune/metrics/session/testing/simulated-device';
import { IngestBus } from '../apps/api/src/ingest/ingest-bus';
import type { ServerMetrics } from '../apps/api/src/ops/ops.service';
import { ApiClient } from './support/api-client';
import { queryTestDatabase } from './support/db';
import { envelope } from './support/envelopes';
import { createTestSession, type TestParticipant, type TestSession } from './support/session-fixture';
import { startTestApp, type TestApp } from './support/test-app';
import { IngestSocketClient } from './support/ws-client';

/*
 * The live pipeline through the real server: ingest → per-session analyzer → snapshots and
 * stored results. Event time runs on the simulated members' clock (from the simulator's T0),
 * time-compressed while data is sent, then with the server's processing time, as the pipeline's
 * clock does. What the pipeline shows is checked against the same SessionAnalyzer run offline
 * over the same messages: the numbers must agree exactly.
 */

const LATENESS_MS = 5_000;

/** The members of the scripted session: who sends what. */
interface Cast {
  sessionId: string;
  facilitator: Member;
  /** Device utterances and stats. */
  talker: Member;
  /** Stats only: speaking is estimated from the microphone's energy. */
  quiet: Member;
  /** Stats, and hides their tab for a while. */
  distracted: Member;
}

interface Member {
  participant: TestParticipant;
  device: SimulatedDevice;
  seq: number;
  socket?: IngestSocketClient;
}

/** One scripted second: what each member sends then (stats of that second, events, utterances ending then). */
type Second = Array<{ member: Member; inputs: SessionInput[] }>;

/** The event-time clock runs at the speed of processing time: each wait for the watermark takes seconds. */
const TEST_TIMEOUT_MS = 90_000;

describe('Live pipeline', () => {
  let running: TestApp | undefined;
  afterEach(async () => {
    await running?.close();
    running = undefined;
  });

  it(
    'serves the latest snapshot, stores windows and episodes, and finishes the session when it ends',
    async () => {
      running = await startTestApp();
      const admin = new ApiClient(running.baseUrl, running.adminToken);
      const session = await createTestSession(admin, { memberCount: 3 });
      const snapshotPath = `/api/v1/sessions/${session.sessionId}/snapshot`;

      const none = await admin.get<{ message: string }>(snapshotPath);
      expect(none.status).toBe(404);
      expect(none.body.message).toMatch(/no snapshot yet/);
      expect((await new ApiClient(running.baseUrl).get(snapshotPath)).status).toBe(401);
      expect((await new ApiClient(running.baseUrl, session.members[0].token).get(snapshotPath)).status).toBe(403);

      const cast = castOf(session);
      const sent = await sendSeconds(running, cast, script(cast, 0, 60));
      const snapshot = await waitForSnapshot(admin, session.sessionId, (s) => s.watermark >= lastEventTime(sent));
      expect(snapshot.participants.map((participant) => participant.participantId).sort()).toEqual(
        [cast.facilitator, cast.talker, cast.quiet, cast.distracted].map((member) => member.participant.id).sort(),
      );
      expect(snapshot.lateMessages).toBe(0);

      // What an operator reads of the live view: the snapshots of the last minute, timed.
      const { body: health } = await admin.get<ServerMetrics>('/api/v1/admin/metrics');
      expect(health.liveView.liveSessions).toBeGreaterThanOrEqual(1);
      expect(health.liveView.snapshotLateness.snapshots).toBeGreaterThan(0);
      expect(health.liveView.snapshotLateness.p99Ms).toBeGreaterThanOrEqual(0);
      expect(health.process.eventLoop.utilization).toBeGreaterThan(0);
      expect(health.process.eventLoop.utilization).toBeLessThanOrEqual(1);
      expect((await new ApiClient(running.baseUrl, session.members[0].token).get('/api/v1/admin/metrics')).status).toBe(
        403,
      );

      await admin.post(`/api/v1/sessions/${session.sessionId}/end`);
      await waitFor(async () => (await admin.get(snapshotPath)).status === 404);
      await running.close();
      running = undefined;

      // The live end time is the server's (its event-time clock when the end came); windows
      // that closed before the data ended do not depend on it.
      const offline = runOffline(session.sessionId, sent, { finishAt: snapshot.at });
      const beforeEnd = (window: StorableWindow) => Date.parse(window.windowStart) + 10_000 <= t(60);
      const windows = await storedWindows(session.sessionId);
      expect(windows.filter(beforeEnd)).toEqual(
        approximately(sortWindows(offline.windows).map(storable).filter(beforeEnd)),
      );
      expect(windows.filter((window) => window.participantId === cast.quiet.participant.id).length).toBeGreaterThan(5);

      const episodes = await queryTestDatabase<{
        participant_id: string | null;
        type: string;
        duration_seconds: number;
      }>(`SELECT participant_id, type, duration_seconds FROM episode WHERE session_id = $1 ORDER BY start_at, type`, [
        session.sessionId,
      ]);
      expect(episodes).toEqual(
        expect.arrayContaining([
          { participant_id: cast.distracted.participant.id, type: 'tab-hidden', duration_seconds: 20 },
          expect.objectContaining({ participant_id: cast.distracted.participant.id, type: 'facilitator-logged' }),
        ]),
      );
      expect(episodes).toHaveLength(offline.episodes);

      const utterances = await queryTestDatabase<{ participant_id: string; source: string }>(
        `SELECT participant_id, source FROM utterance WHERE session_id = $1 AND source = 'energy'`,
        [session.sessionId],
      );
      expect(utterances.length).toBe(offline.estimatedUtterances);
      expect(new Set(utterances.map((utterance) => utterance.participant_id))).toEqual(
        new Set([cast.quiet.participant.id]),
      );
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'rebuilds a session after a restart mid-session: the same totals as an uninterrupted run, no duplicates',
    async () => {
      const first = await startTestApp();
      running = first;
      const admin = new ApiClient(first.baseUrl, first.adminToken);
      const session = await createTestSession(admin, { memberCount: 3 });
      const cast = castOf(session);

      const before = await sendSeconds(first, cast, script(cast, 0, 60));
      const beforeRestart = await waitForSnapshot(
        admin,
        session.sessionId,
        (s) => s.watermark >= lastEventTime(before),
      );
      expect(beforeRestart.lateMessages).toBe(0);
      const storedBefore = await waitFor(async () => {
        const windows = await storedWindows(session.sessionId);
        return windows.length > 0 ? windows : undefined;
      });
      expect(storedBefore.length).toBeGreaterThan(0);
      const stoppedAt = Date.now();
      await first.close();
      running = undefined;

      const second = await startTestApp({ adminToken: first.adminToken, tokenSecret: first.tokenSecret });
      running = second;
      const secondAdmin = new ApiClient(second.baseUrl, second.adminToken);
      // The members' clocks went on while the server was down: the next data is that much later.
      const resumeSecond = 60 + Math.ceil((Date.now() - stoppedAt) / 1000) + 1;
      const after = await sendSeconds(second, cast, script(cast, resumeSecond, resumeSecond + 30));
      const live = await waitForSnapshot(secondAdmin, session.sessionId, (s) => s.watermark >= lastEventTime(after));
      await second.close();
      running = undefined;

      const uninterrupted = runOffline(session.sessionId, [...before, ...after], { snapshotAt: live.at });
      expect(byParticipant(live)).toEqual(approximately(byParticipant(json(uninterrupted.snapshot!))));
      expect(live.lateMessages).toBe(0);
      // The rebuilt session saw the first 60 s again: totals cover all 90 s, not just the last 30.
      const talker = live.speaking.participants.find((p) => p.participantId === cast.talker.participant.id);
      expect(talker?.talkSeconds).toBeGreaterThan(10);

      // The server went on ticking until it closed, so it may have closed a few more windows.
      const expected = sortWindows(uninterrupted.windows).map(storable);
      const lastExpected = expected[expected.length - 1].windowStart;
      const windows = await storedWindows(session.sessionId);
      expect(windows.filter((window) => window.windowStart <= lastExpected)).toEqual(approximately(expected));
      const [duplicates] = await queryTestDatabase<{ count: string }>(
        `SELECT count(*) AS count FROM (
         SELECT participant_id, window_start FROM metric_window WHERE session_id = $1
         GROUP BY participant_id, window_start HAVING count(*) > 1) AS twice`,
        [session.sessionId],
      );
      expect(Number(duplicates.count)).toBe(0);
      const [energy] = await queryTestDatabase<{ count: string }>(
        `SELECT count(*) AS count FROM utterance WHERE session_id = $1 AND source = 'energy'`,
        [session.sessionId],
      );
      expect(Number(energy.count)).toBe(uninterrupted.estimatedUtterances);
    },
    TEST_TIMEOUT_MS,
  );

  it(
    'applies each member’s envelopes in the order they were sent: one sent again after newer ones is not late, one rejected whole holds nothing up',
    async () => {
      running = await startTestApp();
      const admin = new ApiClient(running.baseUrl, running.adminToken);
      const session = await createTestSession(admin, { memberCount: 2 });
      const published: Array<{ participantId: string; seq: number | undefined; messages: number }> = [];
      const subscription = running.app
        .get(IngestBus)
        .envelopes$.subscribe(({ header, messages }) =>
          published.push({ participantId: header.participantId, seq: header.seq, messages: messages.length }),
        );
      const [a, b] = session.members.map((participant) => ({
        participant,
        device: new SimulatedDevice(participant.id, participant.role),
      }));
      const sockets = await Promise.all(
        [a, b].map((member) => IngestSocketClient.connect(`${running!.wsUrl}/ingest`, member.participant.token)),
      );
      const frames = [0, 0];
      const send = (index: number, seq: number, messages: unknown[]) => {
        const member = [a, b][index];
        sockets[index].send(
          envelope({ sessionId: session.sessionId, participantId: member.participant.id }, seq, messages),
        );
        frames[index] += 1;
      };
      const second = (index: number, at: number) => {
        const member = [a, b][index];
        return [...(at === 0 ? [member.device.join(0)] : []), member.device.stats(at)].map((input) => input.message);
      };

      // B's envelope 3 is rejected whole (an invalid stats report): its seq is settled all the same.
      for (let at = 0; at <= 7; at++) {
        if (at !== 5) send(0, at, second(0, at)); // A's envelope of 5 s is lost on the way
        send(1, at, at === 3 ? [{ kind: 'stats', timestamp: 'not a time', stats: [] }] : second(1, at));
      }
      // Once a tick has applied what came, A's collector sends the lost envelope again, then goes on.
      const beforeResend = await waitForSnapshot(admin, session.sessionId, (snapshot) => snapshot.watermark >= t(3));
      send(0, 5, second(0, 5));
      for (let at = 8; at <= 12; at++) [0, 1].forEach((index) => send(index, at, second(index, at)));
      await Promise.all(sockets.map((socket, index) => socket.waitForFrames(frames[index], 10_000)));

      const final = await waitForSnapshot(admin, session.sessionId, (snapshot) => snapshot.watermark >= t(11));
      sockets.forEach((socket) => socket.close());
      subscription.unsubscribe();
      // While A's envelope of 5 s was missing, the watermark waited before it.
      expect(beforeResend.watermark).toBeLessThan(t(5));
      expect(final.lateMessages).toBe(0);
      expect(published).toContainEqual({ participantId: b.participant.id, seq: 3, messages: 0 });
    },
    TEST_TIMEOUT_MS,
  );
});

// --- the scripted session ------------------------------------------------------------------

function castOf(session: TestSession): Cast {
  const member = (participant: TestParticipant): Member => ({
    participant,
    device: new SimulatedDevice(participant.id, participant.role),
    seq: 0,
  });
  const [talker, quiet, distracted] = session.members;
  return {
    sessionId: session.sessionId,
    facilitator: member(session.facilitator),
    talker: member(talker),
    quiet: member(quiet),
    distracted: member(distracted),
  };
}

/**
 * Seconds [from, to) of the script, relative to the simulator's T0. Everyone joins at 0; the
 * talker speaks (device utterances) at 5–12 s and 30–33 s of each minute, the quiet member
 * (energy only) at 15–27 s, the distracted member hides their tab at 20–40 s; the
 * facilitator logs a 'withdrawn' about them at 45 s.
 */
function script(cast: Cast, from: number, to: number): Second[] {
  const members = [cast.talker, cast.quiet, cast.distracted];
  const seconds: Second[] = [];
  for (let second = from; second < to; second++) {
    const minute = second % 60;
    const row: Second = [];
    const add = (member: Member, ...inputs: SessionInput[]) => {
      if (inputs.length > 0) row.push({ member, inputs });
    };
    if (second === 0) for (const member of [cast.facilitator, ...members]) add(member, member.device.join(0));
    if (minute === 45)
      add(
        cast.facilitator,
        cast.facilitator.device.facilitatorEvent(second, 'withdrawn', cast.distracted.participant.id),
      );
    const talkerInputs: SessionInput[] = [];
    if (second > 0) talkerInputs.push(cast.talker.device.stats(second));
    for (const [start, end] of [
      [5, 12],
      [30, 33],
    ] as const) {
      // Sent in chunks of at most 5 s, each at its end.
      for (let chunk = start; chunk < end; chunk += 5) {
        if (minute === Math.min(end, chunk + 5)) {
          const base = second - minute;
          talkerInputs.push({
            participantId: cast.talker.participant.id,
            role: 'member',
            message: { kind: 'utterance', start: t(base + chunk), end: t(base + Math.min(end, chunk + 5)) },
          });
        }
      }
    }
    add(cast.talker, ...talkerInputs);
    if (second > 0) add(cast.quiet, cast.quiet.device.stats(second, { speechFraction: speechIn(minute, [[15, 27]]) }));
    const distractedInputs: SessionInput[] = [];
    if (second > 0) distractedInputs.push(cast.distracted.device.stats(second));
    if (minute === 20) distractedInputs.push(cast.distracted.device.clientEvent(second, 'visibility', 'hidden'));
    if (minute === 40) distractedInputs.push(cast.distracted.device.clientEvent(second, 'visibility', 'visible'));
    add(cast.distracted, ...distractedInputs);
    seconds.push(row);
  }
  return seconds;
}

/** Sends the seconds in order, one envelope per member and second, over each member's WebSocket; waits for every ack. */
async function sendSeconds(app: TestApp, cast: Cast, seconds: Second[]): Promise<SessionInput[]> {
  const members = [cast.facilitator, cast.talker, cast.quiet, cast.distracted];
  for (const member of members) {
    member.socket = await IngestSocketClient.connect(`${app.wsUrl}/ingest`, member.participant.token);
  }
  const sent: SessionInput[] = [];
  const expectedFrames = new Map<Member, number>();
  for (const row of seconds) {
    for (const { member, inputs } of row) {
      const ids = { sessionId: cast.sessionId, participantId: member.participant.id };
      member.socket?.send(
        envelope(
          ids,
          member.seq++,
          inputs.map((input) => input.message),
        ),
      );
      expectedFrames.set(member, (expectedFrames.get(member) ?? 0) + 1);
      sent.push(...inputs);
    }
  }
  for (const member of members) {
    const frames = await member.socket!.waitForFrames(expectedFrames.get(member) ?? 0, 10_000);
    expect(frames.filter((frame) => frame.status !== 'accepted')).toEqual([]);
    member.socket!.close();
  }
  return sent;
}

// --- what the pipeline should have computed --------------------------------------------------

interface OfflineRun {
  snapshot?: SessionSnapshot;
  windows: MetricWindowOutput[];
  episodes: number;
  estimatedUtterances: number;
}

/**
 * The same messages through a fresh SessionAnalyzer, with no server in between: pushed in the
 * order they were sent, the watermark advanced once a second of event time, as live. Then a
 * snapshot at `snapshotAt`, or the session finished at `finishAt`.
 */
function runOffline(
  sessionId: string,
  inputs: readonly SessionInput[],
  until: { snapshotAt?: number; finishAt?: number },
): OfflineRun {
  const analyzer = new SessionAnalyzer({ sessionId, latenessMs: LATENESS_MS, windowSeconds: 10 });
  const run: OfflineRun = { windows: [], episodes: 0, estimatedUtterances: 0 };
  const collect = (progress: ReturnType<SessionAnalyzer['advanceTo']>) => {
    run.windows.push(...progress.windows);
    run.episodes += progress.episodes.length;
    run.estimatedUtterances += progress.estimatedUtterances.length;
  };
  const end = until.snapshotAt ?? until.finishAt ?? 0;
  let next = 0;
  for (let now = Math.floor(eventTimeOf(inputs[0].message) / 1000) * 1000; now < end; now += 1000) {
    while (next < inputs.length && eventTimeOf(inputs[next].message) <= now) analyzer.push(inputs[next++]);
    collect(analyzer.advanceTo(now));
  }
  while (next < inputs.length) analyzer.push(inputs[next++]);
  if (until.finishAt !== undefined) {
    collect(analyzer.finish(until.finishAt).progress);
  } else {
    collect(analyzer.advanceTo(end));
    run.snapshot = analyzer.snapshot(end);
  }
  return run;
}

function lastEventTime(inputs: readonly SessionInput[]): number {
  return Math.max(...inputs.map((input) => eventTimeOf(input.message)));
}

// --- reading what the server did ---------------------------------------------------------------

interface StorableWindow {
  participantId: string | null;
  windowStart: string;
  metrics: Record<string, unknown>;
}

async function storedWindows(sessionId: string): Promise<StorableWindow[]> {
  const rows = await queryTestDatabase<{
    participant_id: string | null;
    window_start: Date;
    metrics: Record<string, unknown>;
  }>(
    `SELECT participant_id, window_start, metrics FROM metric_window
     WHERE session_id = $1 AND window_seconds = 10 ORDER BY window_start, participant_id NULLS FIRST`,
    [sessionId],
  );
  return rows.map((row) => ({
    participantId: row.participant_id,
    windowStart: row.window_start.toISOString(),
    metrics: row.metrics,
  }));
}

function storable(window: MetricWindowOutput): StorableWindow {
  return {
    participantId: window.participantId,
    windowStart: new Date(window.windowStart).toISOString(),
    metrics: json(window.metrics),
  };
}

function sortWindows(windows: readonly MetricWindowOutput[]): MetricWindowOutput[] {
  return [...windows].sort(
    (a, b) =>
      a.windowStart - b.windowStart ||
      (a.participantId === null ? -1 : b.participantId === null ? 1 : a.participantId.localeCompare(b.participantId)),
  );
}

async function waitForSnapshot(
  admin: ApiClient,
  sessionId: string,
  ready: (snapshot: SessionSnapshot) => boolean,
): Promise<SessionSnapshot> {
  return waitFor(async () => {
    const response = await admin.get<SessionSnapshot>(`/api/v1/sessions/${sessionId}/snapshot`);
    return response.status === 200 && ready(response.body) ? response.body : undefined;
  }, 20_000);
}

/** Polls until `probe` gives something (true or a value), at most `timeoutMs`. */
async function waitFor<Value>(probe: () => Promise<Value | undefined | false>, timeoutMs = 10_000): Promise<Value> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const value = await probe();
    if (value !== undefined && value !== false) return value;
    if (Date.now() > deadline) throw new Error('timed out waiting for the pipeline');
    await new Promise((resolve) => setTimeout(resolve, 100));
  }
}

/**
 * Every number to 9 decimal places: live, the watermark advances at processing-time moments
 * rather than on whole seconds, so sums of fractional speech are added in other groupings and
 * may differ in the last bit.
 */
function approximately<Value>(value: Value): Value {
  if (typeof value === 'number') return expect.closeTo(value, 9) as Value;
  if (Array.isArray(value)) return value.map((item: unknown) => approximately(item)) as Value;
  if (typeof value === 'object' && value !== null) {
    return Object.fromEntries(Object.entries(value).map(([key, item]) => [key, approximately(item)])) as Value;
  }
  return value;
}

/** Participants in a fixed order: a snapshot lists them as the analyzer first met them, which a rebuild may change. */
function byParticipant(snapshot: SessionSnapshot): SessionSnapshot {
  const order = <Item extends { participantId: string }>(items: Item[]) =>
    [...items].sort((a, b) => a.participantId.localeCompare(b.participantId));
  return {
    ...snapshot,
    participants: order(snapshot.participants),
    speaking: { ...snapshot.speaking, participants: order(snapshot.speaking.participants) },
  };
}

/** What a value looks like after a trip through JSON (undefined fields gone). */
function json<Value>(value: Value): Value {
  return JSON.parse(JSON.stringify(value)) as Value;
}
