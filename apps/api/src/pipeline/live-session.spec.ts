import { SessionAnalyzer } from '@attune/metrics';
import type { SessionProgress, SessionSnapshot } from './analyzer';
import { LiveSession } from './live-session';
import type { MessagesCommand } from './session-commands';
import { FakeAnalyzer } from './testing/fake-analyzer';

const T0 = 1_700_000_000_000;

function report(participantId: string, at: number, seq: number): MessagesCommand {
  return {
    kind: 'messages',
    sessionId: 'S',
    participantId,
    seq,
    inputs: [{ participantId, role: 'member', message: { kind: 'stats', timestamp: at, stats: [] } }],
  };
}

describe(LiveSession.name, () => {
  let analyzer: FakeAnalyzer;
  let failures: Array<[string, unknown]>;
  let sut: LiveSession;

  beforeEach(() => {
    analyzer = new FakeAnalyzer('S');
    failures = [];
    sut = new LiveSession('S', analyzer, (_id, step, error) => failures.push([step, error]));
  });

  it('says nothing before its first data', () => {
    expect(sut.tick(5_000)).toEqual([]);
    expect(sut.finish(6_000)).toEqual([{ kind: 'ended', sessionId: 'S' }]);
  });

  it('stores an estimated utterance under the speaker’s latest seq, never an invented one', () => {
    const estimates: SessionProgress = {
      windows: [],
      episodes: [],
      estimatedUtterances: [
        { participantId: 'p1', start: T0, end: T0 + 900 },
        { participantId: 'nobody', start: T0, end: T0 + 900 },
      ],
    };
    analyzer.advanceTo = () => estimates;
    sut.apply(report('p1', T0, 41), 0);
    sut.apply(report('p1', T0 + 1000, 42), 1000);

    const [results] = sut.tick(1000);
    expect(results).toEqual({
      kind: 'results',
      sessionId: 'S',
      results: {
        windows: [],
        episodes: [],
        estimatedUtterances: [{ participantId: 'p1', start: T0, end: T0 + 900, seq: 42 }],
      },
    });
    expect(failures.map(([step]) => step)).toEqual(['results']);
  });

  it('gives the analyzer each participant’s envelopes in seq order: one sent again arrives after newer ones', () => {
    sut.apply(report('p1', T0, 1), 0);
    sut.apply(report('p1', T0 + 2000, 3), 2_100); // 2 was refused and is being sent again
    sut.apply(report('p2', T0 + 2000, 50), 2_100);
    expect(sut.heldEnvelopes).toBe(1);
    sut.apply(report('p1', T0 + 1000, 2), 2_600);
    const times = analyzer.pushed.map(({ participantId, message }) => [
      participantId,
      (message as { timestamp: number }).timestamp - T0,
    ]);
    expect(times).toEqual([
      ['p1', 0],
      ['p2', 2000],
      ['p1', 1000],
      ['p1', 2000],
    ]);
    expect(sut.heldEnvelopes).toBe(0);
  });

  it('with the real analyzer: an envelope sent again 3 s later is not late, as its newer ones waited for it', () => {
    const session = new LiveSession('S', new SessionAnalyzer({ sessionId: 'S' }), (_id, step, error) =>
      failures.push([step, error]),
    );
    // Two members report each second (seq = second); p1's envelope of 5 s arrives at 8 s.
    for (let second = 1; second <= 12; second++) {
      const now = second * 1000;
      session.apply(report('p2', T0 + now, second), now);
      if (second !== 5) session.apply(report('p1', T0 + now, second), now);
      if (second === 8) session.apply(report('p1', T0 + 5000, 5), now);
      session.tick(now + 500);
    }
    const outputs = session.finish(13_000);
    const ended = outputs.at(-1);
    if (ended?.kind !== 'ended' || !ended.report) throw new Error('no report');
    expect(ended.report.session.lateMessages).toBe(0);
    expect(failures).toEqual([]);
  });

  it('stops waiting for a missing envelope after the lateness: what was held behind it goes on at the next tick', () => {
    sut.apply(report('p1', T0, 1), 0);
    sut.apply(report('p1', T0 + 2000, 3), 2_000);
    sut.tick(6_999);
    expect(analyzer.pushed).toHaveLength(1);
    sut.tick(7_000);
    expect(analyzer.pushed).toHaveLength(2);
  });

  it('replays stored envelopes as they come, and live ones continue after their seqs', () => {
    sut.replay(report('p1', T0 + 1000, 8), 0);
    sut.replay(report('p1', T0, 7), 0); // stored rows come in event-time order, not seq order
    sut.apply(report('p1', T0 + 2000, 9), 2_000);
    expect(analyzer.pushed).toHaveLength(3);
    expect(sut.heldEnvelopes).toBe(0);
  });

  it('builds its latest snapshot again when asked: the tick’s, until the next tick; the last one goes with the report', () => {
    const session = new LiveSession('S', new SessionAnalyzer({ sessionId: 'S' }), (_id, step, error) =>
      failures.push([step, error]),
    );
    expect(session.latestSnapshot()).toBeUndefined();
    let published: SessionSnapshot | undefined;
    for (let second = 1; second <= 12; second++) {
      const now = second * 1000;
      session.apply(report('p1', T0 + now, second), now);
      session.apply(report('p2', T0 + now, second), now);
      const output = session.tick(now + 500).at(-1);
      if (output?.kind !== 'snapshot') throw new Error('no snapshot');
      expect(output.source).toBe(session);
      published = output.snapshot;
    }
    // Newer reports wait for the watermark, so they change nothing the view shows.
    session.apply(report('p1', T0 + 13_000, 13), 13_000);
    const latest = session.latestSnapshot();
    expect(latest).toEqual(published);
    expect(latest).not.toBe(published);
    expect(latest?.participants.map((participant) => participant.participantId)).toEqual(['p1', 'p2']);

    const ended = session.finish(13_500).at(-1);
    if (ended?.kind !== 'ended') throw new Error('not ended');
    expect(ended.lastSnapshot).toEqual(published);
    expect(session.latestSnapshot()).toBeUndefined();
    expect(failures).toEqual([]);
  });

  it('finishes at the session’s current event time, never before its last snapshot', () => {
    sut.apply(report('p1', T0, 1), 0);
    sut.tick(3_000);
    const outputs = sut.finish(2_000);
    expect(analyzer.finishedAt).toBe(T0 + 3_000);
    expect(outputs.at(-1)).toMatchObject({
      kind: 'ended',
      sessionId: 'S',
      report: { session: { endedAt: T0 + 3_000 } },
    });
  });
});
