import { SessionAnalyzer } from './session-analyzer';
import type {
  MetricWindowOutput,
  ParticipantReport,
  SessionReport,
  SessionSnapshot,
} from './session-analyzer.contract';
import { runScript, type ScriptRun } from './testing/run-script';
import { SimulatedDevice, speechIn, t } from './testing/simulated-device';
import { IDS, SCRIPT_END_SECONDS, threeMemberScript } from './testing/three-member-script';

describe(SessionAnalyzer.name, () => {
  describe('a scripted session: three members and a facilitator (testing/three-member-script.ts)', () => {
    let run: ScriptRun;
    let report: SessionReport;
    let windows: MetricWindowOutput[];

    beforeAll(() => {
      const sut = new SessionAnalyzer({ sessionId: 'scripted' });
      run = runScript(sut, threeMemberScript(), t(SCRIPT_END_SECONDS), [t(118), t(133), t(146), t(165), t(230)]);
      const finished = sut.finish(t(SCRIPT_END_SECONDS));
      report = finished.report;
      windows = [...run.progress.windows, ...finished.progress.windows];
    });

    const participant = (id: string) => report.participants.find((entry) => entry.id === id) as ParticipantReport;
    const snapshotAt = (second: number) => run.snapshots.get(t(second)) as SessionSnapshot;
    const connectionIn = (second: number, id: string) => {
      const { connection } = snapshotAt(second).participants.find((entry) => entry.participantId === id) ?? {};
      return (
        connection && { state: connection.state, since: connection.stateSince && (connection.stateSince - t(0)) / 1000 }
      );
    };
    const windowOf = (id: string | null, startSecond: number) =>
      windows.find((window) => window.participantId === id && window.windowStart === t(startSecond))?.metrics;

    it('session figures: duration, participants, turn-taking', () => {
      expect(report.session).toMatchObject({
        durationSeconds: 360,
        participantCount: 4,
        memberCount: 3,
        lateMessages: 0,
        transitionCount: 4,
        memberToMemberRatio: 0.5, // B→C and A→C of F→A, A→F, B→C, A→C
      });
      expect(report.session.meanResponseLatencySeconds).toBeCloseTo(1, 0);
      expect(report.transitions.map(({ from, to }) => `${from[0]}>${to[0]}`).sort()).toEqual([
        'a>c',
        'a>f',
        'b>c',
        'f>a',
      ]);
      expect(report.balance.memberCount).toBe(3);
    });

    it('A: device utterances, 30 s degraded by 10 % loss, a hidden tab, left at 300 s', () => {
      const a = participant(IDS.a);
      expect(a.speaking).toMatchObject({ seconds: 13, turns: 2, substantiveTurns: 2, source: 'utterances' });
      expect(a.speaking.maxSilenceSeconds).toBe(207); // from the end of the last turn (93 s) to leaving
      expect(a.attendance).toMatchObject({ presentSeconds: 300, lastLeftAt: t(300), joins: 1 });
      expect(a.connectivity).toMatchObject({ drops: 0, reconnects: 0, meanRttMs: 50, rttSource: 'ice' });
      // 5 of 50 packets lost in each of 30 s: 150 / (150 + 14 800).
      expect(a.connectivity.packetLossPct).toBeCloseTo((150 / 14_950) * 100, 6);
      expect(a.connectivity.secondsByState).toMatchObject({ degraded: 30, left: 60 });
      expect(a.connectivity.minWindowMos).toBeLessThan(3.5);
      expect(a.distraction).toMatchObject({ hiddenSeconds: 60, facilitatorEvents: 1 });
    });

    it('B: speaking estimated from media-source energy alone (35 s spoken)', () => {
      const b = participant(IDS.b);
      expect(b.speaking.source).toBe('energy');
      expect(b.speaking.seconds).toBeGreaterThan(35 * 0.9);
      expect(b.speaking.seconds).toBeLessThan(35 * 1.1);
      expect(b.speaking.substantiveTurns).toBe(2);
      const estimated = run.progress.estimatedUtterances.filter(({ participantId }) => participantId === IDS.b);
      const estimatedSeconds = estimated.reduce((sum, { start, end }) => sum + (end - start) / 1000, 0);
      expect(estimatedSeconds).toBeCloseTo(b.speaking.seconds, 6);
    });

    it('C: an outage of 30 s is one drop, one reconnect (a rejoin), 20 s reconnecting and 15 s disconnected', () => {
      const c = participant(IDS.c);
      expect(c.connectivity).toMatchObject({ drops: 1, reconnects: 1, rejoins: 1, failed: false });
      expect(c.connectivity.secondsByState).toMatchObject({ reconnecting: 20, disconnected: 15 });
      expect(c.distraction.mutedSeconds).toBe(20);
      expect(c.speaking).toMatchObject({ seconds: 15, source: 'utterances' });
    });

    it('the facilitator: talk counted apart from members (share null), no stats so no connectivity', () => {
      const f = participant(IDS.facilitator);
      expect(f.speaking).toMatchObject({ seconds: 14, share: null });
      expect(f.connectivity).toMatchObject({ meanRttMs: null, drops: 0, connectedSeconds: 0, peerConnections: [] });
      const memberTalk = report.balance.totalTalkSeconds;
      expect(report.session.facilitatorShare).toBeCloseTo(14 / (14 + memberTalk), 6);
      const shares = report.participants.flatMap(({ speaking }) => (speaking.share === null ? [] : [speaking.share]));
      expect(shares.reduce((sum, share) => sum + share, 0)).toBeCloseTo(1, 9);
    });

    it('snapshots follow the connection states at the watermark (1 s behind the newest data of everyone still reporting)', () => {
      expect(connectionIn(118, IDS.a)).toEqual({ state: 'degraded', since: 110 });
      expect(connectionIn(133, IDS.c)).toEqual({ state: 'reconnecting', since: 125 });
      expect(connectionIn(146, IDS.c)).toEqual({ state: 'disconnected', since: 135 });
      expect(connectionIn(146, IDS.a)).toEqual({ state: 'connected', since: 140 });
      expect(connectionIn(165, IDS.c)).toEqual({ state: 'connected', since: 160 });
      expect(connectionIn(165, IDS.facilitator)).toEqual({ state: 'connected', since: null });
      // C is disconnected (silent since 120 s): A and B, reporting each second, set it.
      expect(snapshotAt(146).watermark).toBe(t(145));
    });

    it('snapshots show open observations with their duration so far', () => {
      const a = snapshotAt(230).participants.find(({ participantId }) => participantId === IDS.a);
      expect(a?.ongoingObservations).toEqual([
        { participantId: IDS.a, type: 'tab-hidden', start: t(200), secondsSoFar: 30 },
      ]);
    });

    it('participant windows: connectivity state and counts, speaking seconds, observations', () => {
      expect(windowOf(IDS.c, 120)).toMatchObject({ state: 'reconnecting', reconnectingSeconds: 5, drops: 0 });
      expect(windowOf(IDS.c, 130)).toMatchObject({ worstState: 'disconnected', disconnectedSeconds: 5, drops: 1 });
      expect(windowOf(IDS.c, 150)).toMatchObject({ reconnectingSeconds: 10, reconnects: 1, rejoins: 1 });
      expect(windowOf(IDS.a, 10)).toMatchObject({ speakingSeconds: 9, speakingSource: 'utterances' });
      expect(windowOf(IDS.a, 20)).toMatchObject({ speakingSeconds: 1 });
      expect(windowOf(IDS.a, 110)).toMatchObject({ state: 'degraded' });
      expect(windowOf(IDS.a, 200)).toMatchObject({ hiddenSeconds: 10, observations: 'tab-hidden' });
      expect(windowOf(IDS.a, 230)).toMatchObject({ hiddenSeconds: 10, observations: 'facilitator-logged,tab-hidden' });
      expect(windowOf(IDS.c, 180)).toMatchObject({ mutedSeconds: 10, observations: 'mic-muted' });
      expect(windowOf(IDS.facilitator, 0)).toMatchObject({ speakingSeconds: 10, state: null, packetLossPct: null });
      // After A left (300 s) there are no more windows of A.
      expect(windowOf(IDS.a, 300)).toBeUndefined();
      expect(windowOf(IDS.a, 290)).toBeDefined();
    });

    it('every window of the session, once: 36 boundaries, the session window last at each', () => {
      const sessionWindows = windows.filter((window) => window.participantId === null);
      expect(sessionWindows.map((window) => (window.windowStart - t(0)) / 1000)).toEqual(
        Array.from({ length: 36 }, (_, index) => index * 10),
      );
      const keys = windows.map((window) => `${window.participantId}@${window.windowStart}`);
      expect(new Set(keys).size).toBe(keys.length);
      // Windows sum to the session: speaking seconds of every participant.
      for (const { id, speaking } of report.participants) {
        const summed = windows
          .filter((window) => window.participantId === id)
          .reduce((sum, window) => sum + Number(window.metrics.speakingSeconds), 0);
        expect(summed).toBeCloseTo(speaking.seconds, 6);
      }
    });

    it('session windows: balance over members, facilitator share, transitions so far', () => {
      expect(windowOf(null, 0)).toMatchObject({ membersPresent: 3, facilitatorTalkSeconds: 10, memberTalkSeconds: 0 });
      expect(windowOf(null, 0)?.giniSession).toBeNull(); // nobody but the facilitator talked yet
      expect(windowOf(null, 10)).toMatchObject({ memberTalkSeconds: 9, giniSession: 2 / 3, entropySession: 0 });
      expect(windowOf(null, 350)).toMatchObject({ transitions: 4, memberToMemberRatio: 0.5 });
      expect(windowOf(null, 350)?.giniSession).toBeCloseTo(report.balance.gini ?? NaN, 6);
    });

    it('closed episodes are emitted once each', () => {
      const episodes = run.progress.episodes.map(({ participantId, type, start, durationSeconds }) => ({
        who: participantId?.[0] ?? 'session',
        type,
        start: (start - t(0)) / 1000,
        durationSeconds,
      }));
      expect(episodes).toEqual([
        { who: 'c', type: 'mic-muted', start: 180, durationSeconds: 20 },
        { who: 'a', type: 'facilitator-logged', start: 230, durationSeconds: 0 },
        { who: 'session', type: 'facilitator-logged', start: 240, durationSeconds: 0 },
        { who: 'a', type: 'tab-hidden', start: 200, durationSeconds: 60 },
      ]);
    });
  });

  describe('a member whose device starts sending utterances part-way (energy estimates hand over to them)', () => {
    /** Speech 10–30 s and 40–50 s; the device's voice activity starts at `firstUtteranceAt`. */
    const speakingAfterHandover = (firstUtteranceAt: number) => {
      const member = new SimulatedDevice('member');
      const listener = new SimulatedDevice('listener');
      const spans: [number, number][] = [
        [10, 30],
        [40, 50],
      ];
      const inputs = [member.join(0), listener.join(0)];
      for (let second = 1; second <= 70; second++) {
        inputs.push(member.stats(second, { speechFraction: speechIn(second, spans) }), listener.stats(second));
      }
      for (const [start, end] of spans) {
        if (end > firstUtteranceAt) inputs.push(...member.utterances(Math.max(start, firstUtteranceAt), end));
      }
      const analyzer = new SessionAnalyzer({ sessionId: 'handover', latenessMs: 5000, windowSeconds: 10 });
      runScript(analyzer, inputs, t(70));
      return analyzer.finish(t(70)).report.participants.find((participant) => participant.id === 'member')?.speaking;
    };

    it.each([20, 22.5, 29, 40])(
      'counts the 30 s spoken once, neither lost nor doubled, when utterances start at %s s',
      (firstUtteranceAt) => {
        const speaking = speakingAfterHandover(firstUtteranceAt);
        expect(speaking).toMatchObject({ source: 'utterances', turns: 2 });
        // The energy estimate finds speech onsets a fraction of a second late at 1 s polling.
        expect(speaking?.seconds).toBeGreaterThan(29);
        expect(speaking?.seconds).toBeLessThanOrEqual(30);
      },
    );
  });

  describe('a member whose device says when its voice detection starts and stops', () => {
    /**
     * Speech 10.4–16.4 s heard by the device's detection and seen in energy stats; 40.4–50.4 s in
     * energy stats alone. `detection` lists the voice-detection events (second, state).
     */
    const speakingWith = (detection: [number, 'started' | 'stopped'][], utteranceSpan: [number, number]) => {
      const member = new SimulatedDevice('member');
      const listener = new SimulatedDevice('listener');
      const spans: [number, number][] = [
        [10.4, 16.4],
        [40.4, 50.4],
      ];
      const inputs = [member.join(0), listener.join(0)];
      for (const [second, state] of detection) inputs.push(member.clientEvent(second, 'voice-detection', state));
      for (let second = 1; second <= 70; second++) {
        inputs.push(member.stats(second, { speechFraction: speechIn(second, spans) }), listener.stats(second));
      }
      inputs.push(...member.utterances(...utteranceSpan));
      const analyzer = new SessionAnalyzer({ sessionId: 'voice-detection', latenessMs: 5000, windowSeconds: 10 });
      const run = runScript(analyzer, inputs, t(70));
      const { report, progress } = analyzer.finish(t(70));
      return {
        speaking: report.participants.find((participant) => participant.id === 'member')?.speaking,
        estimated: [...run.progress.estimatedUtterances, ...progress.estimatedUtterances].filter(
          ({ participantId }) => participantId === 'member',
        ),
      };
    };

    it('takes speech from the utterances alone once detection started: energy estimates none of it', () => {
      const { speaking, estimated } = speakingWith([[2, 'started']], [10.4, 16.4]);

      expect(speaking).toMatchObject({ source: 'utterances', turns: 1 });
      expect(speaking?.seconds).toBeCloseTo(6, 6);
      expect(estimated).toEqual([]);
    });

    it('keeps what energy estimated before detection started mid-speech, and nothing after', () => {
      const { speaking, estimated } = speakingWith([[13, 'started']], [13, 16.4]);

      expect(speaking).toMatchObject({ source: 'utterances', turns: 1 });
      expect(estimated.length).toBeGreaterThan(0);
      expect(Math.max(...estimated.map((utterance) => utterance.end))).toBeLessThanOrEqual(t(13));
      // The energy estimate finds the onset a fraction of a second late at 1 s polling.
      expect(speaking?.seconds).toBeGreaterThan(5.5);
      expect(speaking?.seconds).toBeLessThanOrEqual(6);
    });

    it('estimates from energy again once detection stopped', () => {
      const { speaking, estimated } = speakingWith(
        [
          [2, 'started'],
          [30, 'stopped'],
        ],
        [10.4, 16.4],
      );

      expect(speaking?.source).toBe('utterances');
      expect(estimated.length).toBeGreaterThan(0);
      expect(Math.min(...estimated.map((utterance) => utterance.start))).toBeGreaterThanOrEqual(t(40));
      // 6 s from the device, and the energy estimate's 10 s within 5 %.
      expect(speaking?.seconds).toBeGreaterThan(15.5);
      expect(speaking?.seconds).toBeLessThan(16.5);
    });
  });
});
