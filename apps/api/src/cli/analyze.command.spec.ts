import { mkdtempSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import * as path from 'node:path';
import { SessionAnalyzer, type ParticipantReport } from '@attune/metrics';
import { t } from '@attune/metrics/session/testing/simulated-device';
import { IDS, SCRIPT_END_SECONDS, threeMemberScript } from '@attune/metrics/session/testing/three-member-script';
import { runScript } from '@attune/metrics/session/testing/run-script';
import { analyzeRecordings, runAnalyzeCommand, type AnalyzeReport } from './analyze.command';
import { FakeIo } from './testing/fake-io';
import { readJitsiResults, RTCSTATS_DUMPS } from './testing/fixture-paths';
import { ndjsonRecordings } from './testing/ndjson-recording';

async function analyzeDump(dump: string): Promise<ParticipantReport> {
  const { report } = await analyzeRecordings([path.join(RTCSTATS_DUMPS, dump)]);
  expect(report.participants).toHaveLength(1);
  return report.participants[0];
}

/*
 * Against jitsi's rtcstats-server feature extraction (fixtures results/). Its figures are per peer
 * connection; ours are per participant, with the per-connection figures in
 * `connectivity.peerConnections`. Tolerances, and why (docs/metrics.md, "Cross-check"):
 * - RTT ±10 ms: jitsi rounds to 0.01 s (±5 ms) and drops zero samples (a LAN call reads 0 ms);
 * - loss ±0.05 percentage points: jitsi divides lost by received (we by lost + received) and
 *   rounds to 0.01 %; lost packets must agree exactly;
 * - received packets ≥ 85 % of jitsi's: we count from each stream's first report (a baseline),
 *   jitsi takes the final cumulative counters; with 10 s polling that is up to 10 s of media
 *   (59c86272's P2P connection: 4 053 of 4 551 in a 41 s call).
 */
describe('analyze: connectivity on real dumps, compared with jitsi', () => {
  interface JitsiCase {
    dump: string;
    results: string;
    /** Peer connections that carried media, with the RTT we compare (Firefox has no ICE RTT). */
    compare: Array<{ pc: string; rtt: 'ice' | 'rtcp'; loss: boolean }>;
  }

  it.each<JitsiCase>([
    {
      dump: 'google-standard-stats-p2p',
      results: 'google-standard-stats-p2p-result.json',
      compare: [
        { pc: 'PC_0', rtt: 'ice', loss: true },
        { pc: 'PC_1', rtt: 'ice', loss: true },
      ],
    },
    {
      dump: 'google-standard-stats-sfu',
      results: 'google-standard-stats-sfu-result.json',
      compare: [{ pc: 'PC_0', rtt: 'ice', loss: true }],
    },
    {
      dump: 'chrome-standard-multiple-p2p',
      results: 'chrome-standard-multiple-p2p.json',
      compare: [
        { pc: 'PC_0', rtt: 'ice', loss: true },
        { pc: 'PC_3', rtt: 'ice', loss: true },
        { pc: 'PC_4', rtt: 'ice', loss: true },
      ],
    },
    {
      dump: 'safari-standard-stats',
      results: 'safari-standard-stats-result.json',
      compare: [{ pc: 'PC_0', rtt: 'ice', loss: true }],
    },
    // Firefox: jitsi counts remote-inbound-rtp among received packets (a quarter more); lost agrees.
    {
      dump: 'firefox-standard-stats-sfu',
      results: 'firefox-standard-stats-sfu-result.json',
      compare: [{ pc: 'PC_0', rtt: 'rtcp', loss: false }],
    },
    {
      dump: '59c86272-03ea-42e9-a62d-1c8a272e8ab0',
      results: '59c86272-03ea-42e9-a62d-1c8a272e8ab0.json',
      compare: [
        { pc: 'PC_0', rtt: 'ice', loss: true },
        { pc: 'PC_1', rtt: 'ice', loss: false },
      ],
    },
  ])('$dump: RTT, packet loss, reconnects and failures per peer connection', async ({ dump, results, compare }) => {
    const participant = await analyzeDump(dump);
    const jitsi = readJitsiResults(results);
    for (const { pc, rtt, loss } of compare) {
      const ours = participant.connectivity.peerConnections.find(({ id }) => id === pc);
      const theirs = jitsi.get(pc);
      if (!ours || !theirs) throw new Error(`${dump} ${pc}: missing in ${ours ? 'jitsi results' : 'our report'}`);
      const ourRtt = rtt === 'ice' ? ours.iceRttMs : ours.rtcpRttMs;
      expect(Math.abs((ourRtt ?? NaN) - theirs.meanRttMs)).toBeLessThanOrEqual(10);
      expect(ours.packetsLost).toBe(theirs.totalReceivedPacketsLost);
      if (loss) {
        expect(Math.abs((ours.packetLossPct ?? NaN) - theirs.receivedPacketsLostPct)).toBeLessThanOrEqual(0.05);
        expect(ours.packetsReceived / theirs.totalPacketsReceived).toBeGreaterThan(0.85);
        expect(ours.packetsReceived).toBeLessThanOrEqual(theirs.totalPacketsReceived);
      }
    }
    const jitsiConnections = [...jitsi.values()];
    // jitsi's iceReconnects are per connection; ours count the participant's recoveries.
    expect(participant.connectivity.reconnects).toBe(jitsiConnections.reduce((sum, pc) => sum + pc.iceReconnects, 0));
    expect(participant.connectivity.drops).toBe(0);
    expect(participant.connectivity.iceFailures).toBe(jitsiConnections.filter((pc) => pc.connectionFailed).length);
    expect(participant.connectivity.failed).toBe(jitsiConnections.some((pc) => pc.connectionFailed));
  });

  it.each([
    ['google-standard-stats-sfu', 'google-standard-stats-sfu-result.json'],
    ['safari-standard-stats', 'safari-standard-stats-result.json'],
  ])('%s (one peer connection): the participant’s headline figures are that connection’s', async (dump, results) => {
    const { connectivity } = await analyzeDump(dump);
    const jitsi = readJitsiResults(results).get('PC_0');
    // The headline RTT is RTCP (the one MOS uses); jitsi's is ICE: on one path they agree to a few ms.
    expect(connectivity.rttSource).toBe('rtcp');
    expect(Math.abs((connectivity.meanRttMs ?? NaN) - (jitsi?.meanRttMs ?? NaN))).toBeLessThanOrEqual(10);
    expect(Math.abs((connectivity.packetLossPct ?? NaN) - (jitsi?.receivedPacketsLostPct ?? NaN))).toBeLessThanOrEqual(
      0.05,
    );
  });

  it('chrome-standard-multiple-p2p: four failed P2P attempts are `failed`, but the SFU connection kept the member connected (polled every 10 s)', async () => {
    const { connectivity } = await analyzeDump('chrome-standard-multiple-p2p');
    expect(connectivity).toMatchObject({ failed: true, iceFailures: 4, drops: 0, minutesLost: 0, pollingSeconds: 10 });
  });

  it('chrome96 (legacy goog* stats only): no RTT or loss rather than a wrong one (jitsi reads googRtt ms as seconds: 40.33 "s")', async () => {
    const { connectivity } = await analyzeDump('chrome96-standard-stats-p2p-add-transceiver');
    expect(connectivity).toMatchObject({ meanRttMs: null, packetLossPct: null, mos: null, drops: 0 });
    expect(
      readJitsiResults('chrome96-standard-stats-p2p-add-transceiver-result.json').get('PC_1')?.meanRttMs,
    ).toBeCloseTo(40_330);
  });

  it('chrome-relay (no jitsi result): over TURN the ICE and RTCP round trips differ by a factor of two, so they stay apart', async () => {
    const { connectivity } = await analyzeDump('chrome-relay');
    expect(connectivity.iceRttMs).toBeCloseTo(58.2, 0);
    expect(connectivity.rtcpRttMs).toBeCloseTo(120.5, 0);
    expect(connectivity.meanRttMs).toBe(connectivity.rtcpRttMs);
  });
});

describe('analyze: NDJSON recordings of protocol envelopes', () => {
  let folder: string;

  beforeAll(() => {
    folder = mkdtempSync(path.join(tmpdir(), 'attune-analyze-'));
    for (const [participantId, text] of ndjsonRecordings(threeMemberScript())) {
      writeFileSync(path.join(folder, `${participantId.slice(0, 1)}.ndjson`), text);
    }
    // A broken line in one recording: reported with its file and line, the rest still counts.
    const c = path.join(folder, 'c.ndjson');
    writeFileSync(c, `${'{"v":1,"sessionId":"5e551011-0000-4000-8000-000000000001","participantId":"oops"}'}\n`, {
      flag: 'a',
    });
    writeFileSync(path.join(folder, 'README.md'), 'Not a recording.\n');
  });

  afterAll(() => rmSync(folder, { recursive: true, force: true }));

  it('gives the report the analyzer gives when fed live, lists problems with file and line, and exits 0', async () => {
    const io = new FakeIo();
    const status = await runAnalyzeCommand([folder], io);
    expect(status).toBe(0);
    const report = JSON.parse(io.out) as AnalyzeReport;

    const live = new SessionAnalyzer({ sessionId: 'live' });
    runScript(live, threeMemberScript(), t(SCRIPT_END_SECONDS));
    const expected = live.finish(t(SCRIPT_END_SECONDS)).report;

    expect(report.session).toMatchObject({ participantCount: 4, memberCount: 3, lateMessages: 0 });
    expect(report.session.transitionCount).toBe(expected.session.transitionCount);
    expect(report.session.durationSeconds).toBe(expected.session.durationSeconds);
    for (const id of Object.values(IDS)) {
      const ours = report.participants.find((participant) => participant.id === id);
      const reference = expected.participants.find((participant) => participant.id === id);
      expect(ours?.role).toBe(reference?.role);
      expect(ours?.speaking.seconds).toBeCloseTo(reference?.speaking.seconds ?? NaN, 3);
      expect(ours?.connectivity).toEqual(reference?.connectivity);
      expect(ours?.distraction).toEqual(reference?.distraction);
    }
    expect(report.participants.find(({ id }) => id === IDS.facilitator)?.role).toBe('facilitator');
    expect(report.sources.map(({ format }) => format)).toEqual(['ndjson', 'ndjson', 'ndjson', 'ndjson']);

    expect(io.err).toContain(`${path.join(folder, 'c.ndjson')}:`);
    expect(io.err).toMatch(/c\.ndjson:\d+: envelope rejected/);
    expect(io.err).toContain(`${path.join(folder, 'README.md')}: skipped: not a recording`);
    expect(io.err).toMatch(/report produced; \d+ problem\(s\) in the input/);
    expect(report.importProblems).toBeGreaterThanOrEqual(2);
  });

  it('--format table --out file writes a readable table', async () => {
    const io = new FakeIo();
    expect(await runAnalyzeCommand([folder, '--format', 'table', '--out', 'report.txt'], io)).toBe(0);
    const table = io.files.get('report.txt') ?? '';
    expect(io.out).toBe('');
    expect(table).toMatch(/^Session .+ \(6 min 0 s\)$/m);
    expect(table).toMatch(/^participant +role +present s +talk s +share/m);
    expect(table.split('\n').filter((line) => /^\S+ +member +\d/.test(line))).toHaveLength(3);
    expect(table).toMatch(/^f\S+ +facilitator +360 +14\.0 +— /m);
    expect(table).toContain('Transitions (from → to: count)');
  });
});

describe('analyze: unusable input and wrong command lines', () => {
  it('exits 1 with a clear message when there is nothing to analyze', async () => {
    const empty = mkdtempSync(path.join(tmpdir(), 'attune-empty-'));
    try {
      const io = new FakeIo();
      expect(await runAnalyzeCommand([empty], io)).toBe(1);
      expect(io.err).toContain(`attune analyze: no recordings found in ${empty}`);
      expect(io.out).toBe('');
    } finally {
      rmSync(empty, { recursive: true, force: true });
    }
  });

  it('exits 1 for a file that is not a recording, and for one that does not exist', async () => {
    const io = new FakeIo();
    expect(await runAnalyzeCommand([path.join(RTCSTATS_DUMPS, 'README.md')], io)).toBe(1);
    expect(await runAnalyzeCommand([path.join(RTCSTATS_DUMPS, 'no-such-dump')], io)).toBe(1);
    expect(io.err).toMatch(/README\.md: not a recording/);
    expect(io.err).toMatch(/no-such-dump: cannot be read \(ENOENT\)/);
  });

  it('exits 1 when the recordings are years apart: not one session', async () => {
    const io = new FakeIo();
    const dumps = ['google-standard-stats-sfu', 'chrome-relay'].map((dump) => path.join(RTCSTATS_DUMPS, dump));
    expect(await runAnalyzeCommand(dumps, io)).toBe(1);
    expect(io.err).toMatch(/the recordings span \d+ hours, more than one session/);
  });

  it.each([
    [[], 'no recordings given'],
    [['x', '--format', 'xml'], '--format must be json or table (got "xml")'],
    [['x', '--out'], '--out needs a value'],
    [['x', '--verbose'], 'unknown option --verbose'],
  ])('exits 2 for %j: %s', async (argv, message) => {
    const io = new FakeIo();
    expect(await runAnalyzeCommand(argv, io)).toBe(2);
    expect(io.err).toContain(message);
    expect(io.err).toContain('Usage: attune analyze');
  });
});
