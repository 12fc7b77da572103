import type { SessionProgress } from './analyzer';
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
