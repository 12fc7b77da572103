import { join } from 'node:path';
import { repositoryRoot } from '../../apps/api/src/bootstrap/paths';
import { queryTestDatabase } from '../support/db';
import { restartIceWithPeers } from './webrtc/mesh';
import { cpuPercent, meterTraffic, sampleCpu, type TrafficMeter } from './webrtc/page-cost';
import { SnapshotWatch, viewOf } from './webrtc/snapshot-watch';
import { speechSeconds, type SpeechPattern } from './webrtc/speech-wav';
import { Cleanups, startWebRtcCall, type WebRtcCall } from './webrtc/webrtc-call';

/*
 * The collector (/collector.js, served by the api) in real headless Chromium: three members,
 * each in their own browser with a fake camera and a WAV as microphone, call each other over
 * WebRTC (a full mesh on loopback, inside a network namespace with nothing but `lo`). What
 * their collectors report must add up in the api's live snapshot:
 *   - every member is in the session, with sane connectivity (loopback: no loss, small RTT);
 *   - each member's speaking time matches the speech in their WAV within 10 %;
 *   - member 1 minimises their window for a while: a `tab-hidden` episode is recorded;
 *   - member 2, given 15 % loss and 300 ms latency by DevTools, becomes `degraded`;
 *   - member 3 closes their page and becomes `disconnected` within 20 s.
 * The scenarios overlap in one session to keep the test short (and three members, not more:
 * every pair has its own video encoders and decoders, on two cores). Times are seconds from
 * when the microphones started (each WAV plays from then, once).
 */
const ROOT = repositoryRoot();
const WAV_SECONDS = 40;
// Every WAV opens with 6 s of silence: it starts playing at getUserMedia, and the collector's
// voice detection (started a little later, later still on a loaded machine) learns the room's
// noise floor from silence. Started in the middle of speech, it would take the speech for the floor.
const SPEECH: SpeechPattern[] = [
  // member 1: 12 s; hidden for 8 s in the silence after 13 s
  {
    durationSeconds: WAV_SECONDS,
    speech: [
      { start: 6, end: 12 },
      { start: 28, end: 34 },
    ],
  },
  // member 2: 11 s of speech in three turns, all before their bad network from 21 s. (Speech is
  // measured on the device, but an utterance that reaches Attune more than the allowed lateness
  // after it ended is counted late and left out; behind 15 % loss on a loaded machine it can be.)
  {
    durationSeconds: WAV_SECONDS,
    speech: [
      { start: 6, end: 10 },
      { start: 11, end: 15 },
      { start: 16, end: 19 },
    ],
  },
  // member 3: 6 s; then closes the page
  { durationSeconds: WAV_SECONDS, speech: [{ start: 6, end: 12 }] },
];
const HIDE_AT = 13;
const HIDDEN_SECONDS = 8;
/** After members 2 and 3 finished speaking (the WAV starts up to ~3 s before `at` counts). */
const BAD_NETWORK_AND_CLOSE_AT = 21;

describe('Collector in real Chromium WebRTC calls', () => {
  const cleanups = new Cleanups();
  let call: WebRtcCall;
  let watch: SnapshotWatch;

  beforeAll(async () => {
    call = await startWebRtcCall({
      repositoryRoot: ROOT,
      speech: SPEECH,
      artifacts: join(ROOT, 'test-artifacts', 'collector-webrtc'),
      cleanups,
    });
    watch = new SnapshotWatch(call.admin, call.session.sessionId);
  }, 240_000);
  afterAll(() => cleanups.run(), 60_000);

  it('reports presence, connectivity, speaking time, a degraded link, a closed page and a hidden tab', async () => {
    const [member1, member2, member3] = call.members;
    const ids = call.session.members.map((member) => member.id);
    const traffic = await Promise.all(call.members.map((member) => meterTraffic(member.cdp)));
    const trafficFrom = Date.now();
    const at = (seconds: number) => sleepUntil(call.microphonesStartedAt + seconds * 1000);

    // Everyone appears and, on loopback, their links are clean: no loss, a small RTT, connected.
    // Meanwhile member 1 hides their tab (the window is minimised: a real visibilitychange) in a
    // silent part of their WAV (or as soon as the call is up, if setting it up took longer).
    const hideTab = async () => {
      await at(HIDE_AT);
      const hiddenAt = Date.now();
      await member1.setHidden(true);
      expect(await member1.call('visibility')).toBe('hidden');
      await sleep(HIDDEN_SECONDS * 1000);
      await member1.setHidden(false);
      expect(await member1.call('visibility')).toBe('visible');
      return (Date.now() - hiddenAt) / 1000;
    };
    const [connectivity, hiddenSeconds] = await Promise.all([waitForCleanLinks(watch, ids, 60_000), hideTab()]);
    // Every figure is checked next to what was measured, so a failure shows the whole picture.
    expect(connectivity).toEqual(connectivity.map((entry) => ({ ...entry, ...CLEAN_LINK })));

    // Once member 3 has said their part, member 2's network turns bad and member 3 closes their page.
    await at(BAD_NETWORK_AND_CLOSE_AT);
    const cpuWithCollector = await sampleCpu(member1.cdp);
    const badNetworkAt = Date.now();
    await member2.cdp.send('Network.emulateNetworkConditionsByRule', {
      matchedNetworkConditions: [
        // An empty pattern is the global rule, which also throttles peer-to-peer (WebRTC) traffic.
        { urlPattern: '', latency: 300, downloadThroughput: -1, uploadThroughput: -1, packetLoss: 15 },
      ],
    });
    // The emulation only reaches sockets opened after it was set: an ICE restart moves the call onto new ones.
    await restartIceWithPeers(member2, [member1, member3]);
    const closedAt = Date.now();
    await member3.page.close();
    const degraded = watch.waitFor(
      ids[1],
      'member 2 degraded',
      (view) => view.participant.connection.state === 'degraded',
      60_000,
    );
    // `left` is final too (a leave message): stop waiting there, and let the expectation below say so.
    const disconnected = watch.waitFor(
      ids[2],
      'member 3 disconnected',
      (view) => ['disconnected', 'left'].includes(view.participant.connection.state),
      45_000,
    );
    const hiddenEpisode = waitForHiddenEpisode(call.session.sessionId, ids[0], 30_000);

    const [degradedAfter, disconnectedAfter, episode] = await Promise.all([degraded, disconnected, hiddenEpisode]);
    // The snapshot is polled once a second, so these are at most ~1 s late.
    const secondsToDegraded = (degradedAfter.seenAt - badNetworkAt) / 1000;
    const secondsToDisconnected = (disconnectedAfter.seenAt - closedAt) / 1000;
    const closedPage = { state: disconnectedAfter.view.participant.connection.state, seconds: secondsToDisconnected };
    expect(closedPage).toEqual({ state: 'disconnected', seconds: closedPage.seconds });
    expect(closedPage.seconds).toBeLessThanOrEqual(20);
    // Event time on both ends comes from the page's clock; the DevTools round trips blur it a little.
    expect(Math.abs(episode.durationSeconds - hiddenSeconds)).toBeLessThan(1.5);

    // Once every WAV has played and its last utterance is final, speaking time matches the truth.
    await at(WAV_SECONDS);
    const talk = await waitForTalk(watch, ids, 30_000);
    const final = await watch.read();
    const speaking = SPEECH.map((pattern, index) => {
      const truth = speechSeconds(pattern);
      return {
        member: index + 1,
        truth,
        measured: talk[index],
        within10Pct: Math.abs(talk[index] - truth) <= 0.1 * truth,
        // Shown when the comparison fails: data that came too late is not in the figure.
        lateMessages: viewOf(final, ids[index])?.participant.lateMessages,
      };
    });
    expect(speaking).toEqual(speaking.map((entry) => ({ ...entry, within10Pct: true })));
    // From each member's own voice-activity detection, not estimated from energy stats: the
    // collector says when its detection starts, before anyone speaks, so energy estimates nothing.
    const after = await watch.read();
    expect(ids.map((id) => viewOf(after, id)?.participant.speakingSource)).toEqual(ids.map(() => 'utterances'));
    const sources = await queryTestDatabase<{ source: string }>(
      `SELECT DISTINCT source FROM utterance WHERE session_id = $1`,
      [call.session.sessionId],
    );
    expect(sources.map((row) => row.source)).toEqual(['device']);

    // What the collector costs: the same page and call with the collector, then without.
    const cpuWithCollectorEnd = await sampleCpu(member1.cdp);
    const bytesPerMinute = perMinute(traffic, trafficFrom);
    await member1.call('stopCollector');
    const cpuWithout = await sampleCpu(member1.cdp);
    await sleep(20_000);
    const cpuWithoutEnd = await sampleCpu(member1.cdp);
    report({
      degradedAfterSeconds: secondsToDegraded,
      disconnectedAfterSeconds: secondsToDisconnected,
      hiddenSeconds,
      hiddenEpisodeSeconds: episode.durationSeconds,
      talkSeconds: talk,
      truthSeconds: SPEECH.map(speechSeconds),
      lateMessages: ids.map((id) => viewOf(final, id)?.participant.lateMessages),
      cpuWithCollector: cpuPercent(cpuWithCollector, cpuWithCollectorEnd),
      cpuWithoutCollector: cpuPercent(cpuWithout, cpuWithoutEnd),
      bytesPerMinute,
    });
    expect(call.problems).toEqual([]);
  }, 240_000);
});

const CLEAN_LINK = { present: true, state: 'connected', lossBelow1Pct: true, rttBelow200Ms: true } as const;

/**
 * Each member's latest 10 s window, once all of them look like loopback should (or, at the
 * deadline, as last seen). The first windows can be slow while four browsers start up.
 */
async function waitForCleanLinks(watch: SnapshotWatch, ids: string[], timeoutMs: number) {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    // Browsers that start slowly may not have sent anything yet: no snapshot is not clean either.
    const snapshot = await watch.readIfAny();
    const links = ids.map((id, index) => {
      const participant = snapshot && viewOf(snapshot, id)?.participant;
      const latest = participant?.connection.latest;
      const lossPct = latest?.packetLossPct ?? Number.NaN;
      const rttMs = latest?.rttMs ?? Number.NaN;
      return {
        member: index + 1,
        present: participant?.present,
        state: participant?.connection.state,
        lossPct,
        lossBelow1Pct: lossPct < 1,
        rttMs,
        rttBelow200Ms: rttMs < 200,
      };
    });
    const clean = links.every((link) =>
      Object.entries(CLEAN_LINK).every(([key, value]) => link[key as keyof typeof link] === value),
    );
    if (clean || Date.now() > deadline) return links;
    await sleep(1000);
  }
}

async function waitForHiddenEpisode(
  sessionId: string,
  participantId: string,
  timeoutMs: number,
): Promise<{ durationSeconds: number }> {
  const deadline = Date.now() + timeoutMs;
  for (;;) {
    const rows = await queryTestDatabase<{ duration_seconds: number }>(
      `SELECT duration_seconds FROM episode WHERE session_id = $1 AND participant_id = $2 AND type = 'tab-hidden'`,
      [sessionId, participantId],
    );
    if (rows.length > 0) return { durationSeconds: Number(rows[0].duration_seconds) };
    if (Date.now() > deadline) {
      const events = await queryTestDatabase<{ type: string; state: string | null; at: Date }>(
        `SELECT type, state, at FROM event WHERE session_id = $1 AND participant_id = $2 AND source = 'client' ORDER BY at`,
        [sessionId, participantId],
      );
      const episodes = await queryTestDatabase<{ type: string; duration_seconds: number }>(
        `SELECT type, duration_seconds FROM episode WHERE session_id = $1 AND participant_id = $2`,
        [sessionId, participantId],
      );
      throw new Error(
        `no tab-hidden episode stored within ${timeoutMs / 1000} s; the member's client events: ` +
          `${JSON.stringify(events.map((event) => [event.type, event.state, event.at.toISOString()]))}; ` +
          `episodes: ${JSON.stringify(episodes)}`,
      );
    }
    await sleep(1000);
  }
}

/** Talk seconds per member once they stop changing (the last utterances have become final). */
async function waitForTalk(watch: SnapshotWatch, ids: string[], timeoutMs: number): Promise<number[]> {
  const deadline = Date.now() + timeoutMs;
  let previous: number[] = [];
  let stableSince = Date.now();
  for (;;) {
    const snapshot = await watch.read();
    const talk = ids.map(
      (id) => snapshot.speaking.participants.find((participant) => participant.participantId === id)?.talkSeconds ?? 0,
    );
    if (talk.some((seconds, index) => seconds !== previous[index])) stableSince = Date.now();
    previous = talk;
    // Device utterances become final 5 s (chunk length) + 5 s (lateness) after they end.
    if (Date.now() - stableSince >= 12_000 || Date.now() > deadline) return talk;
    await sleep(1000);
  }
}

function perMinute(traffic: TrafficMeter[], since: number): { bytes: number; frames: number }[] {
  const minutes = (Date.now() - since) / 60_000;
  return traffic.map((meter) => ({
    bytes: Math.round(meter.sentBytes() / minutes),
    frames: Math.round(meter.webSocketFrames() / minutes),
  }));
}

function report(figures: Record<string, unknown>): void {
  process.stdout.write(`\ncollector-webrtc figures: ${JSON.stringify(figures, null, 2)}\n`);
}

function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}

function sleepUntil(epochMs: number): Promise<void> {
  return sleep(Math.max(0, epochMs - Date.now()));
}
