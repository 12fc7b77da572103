import { firstValueFrom, lastValueFrom, toArray } from 'rxjs';
import { Participant, TherapySession, type SessionStatus } from '../storage/entities';
import type { ReplayCutoff, ReplayPosition, StoredRawRow } from '../storage/repositories';
import { DEFAULT_PIPELINE_SETTINGS } from './pipeline-settings';
import type { SessionStart } from './run-session';
import { SessionRebuilder } from './session-rebuilder';
import { FakeAnalyzer } from './testing/fake-analyzer';

const SESSION = 'S';
const T0 = 1_700_000_000_000;
const CUTOFF: ReplayCutoff = { statsSampleId: '100', eventId: '100', utteranceId: '100' };

/** A stored report of `participantId` at second `second`, received 200 ms later. */
function storedReport(participantId: string, second: number): StoredRawRow {
  const id = String(second + 1);
  return {
    table: 'stats_sample',
    id,
    position: { atKey: String(second), table: 0, id },
    at: T0 + second * 1000,
    participantId,
    seq: second,
    receivedAt: T0 + second * 1000 + 200,
    peerConnectionId: 'pc-1',
    stats: [{ id: 'T01', type: 'transport', timestamp: T0 + second * 1000 }],
  };
}

class FakeReplay {
  readonly pagesRead: Array<ReplayPosition | undefined> = [];
  constructor(readonly rows: StoredRawRow[]) {}

  async cutoff(): Promise<ReplayCutoff> {
    return CUTOFF;
  }

  async liveSessionIds(): Promise<string[]> {
    return [SESSION];
  }

  async readPage(
    _sessionId: string,
    cutoff: ReplayCutoff,
    after: ReplayPosition | undefined,
    limit: number,
  ): Promise<StoredRawRow[]> {
    expect(cutoff).toBe(CUTOFF);
    this.pagesRead.push(after);
    const from = after ? this.rows.findIndex((row) => row.position === after) + 1 : 0;
    return this.rows.slice(from, from + limit);
  }
}

describe(SessionRebuilder.name, () => {
  let analyzers: FakeAnalyzer[];
  let status: SessionStatus | undefined;
  let replay: FakeReplay;
  let sut: SessionRebuilder;

  beforeEach(() => {
    analyzers = [];
    status = 'live';
    replay = new FakeReplay(Array.from({ length: 25 }, (_, second) => storedReport(second % 2 ? 'm1' : 'f1', second)));
    const sessions = {
      findById: async (id: string) =>
        status === undefined ? null : Object.assign(new TherapySession(), { id, status }),
    };
    const participants = {
      listBySession: async (sessionId: string) => [
        Object.assign(new Participant(), { id: 'f1', sessionId, role: 'facilitator' }),
        Object.assign(new Participant(), { id: 'm1', sessionId, role: 'member' }),
      ],
    };
    const createAnalyzer = ({ sessionId }: { sessionId: string }) => {
      const analyzer = new FakeAnalyzer(sessionId);
      analyzers.push(analyzer);
      return analyzer;
    };
    sut = new SessionRebuilder(replay, sessions, participants, createAnalyzer, {
      ...DEFAULT_PIPELINE_SETTINGS,
      replayPageRows: 10,
    });
  });

  const noFailures = () => {
    throw new Error('no failure expected');
  };

  it('replays what was stored before start-up, page by page, through a fresh analyzer, then hands it over', async () => {
    await sut.markStartup();
    const steps: SessionStart[] = await lastValueFrom(sut.start(SESSION, noFailures).pipe(toArray()));

    expect(replay.pagesRead).toEqual([undefined, replay.rows[9].position, replay.rows[19].position]);
    const [analyzer] = analyzers;
    expect(analyzer.pushed.map((input) => [input.participantId, input.role])).toEqual(
      replay.rows.map((row) => [row.participantId, row.participantId === 'f1' ? 'facilitator' : 'member']),
    );
    // The watermark followed the data after every page, as it did live.
    expect(analyzer.advancedTo).toEqual([T0 + 9_000, T0 + 19_000, T0 + 24_000]);
    // Windows that became final during the replay come out to be stored again (upserts).
    expect(steps.filter((step) => step.kind === 'results').length).toBeGreaterThan(0);

    const ready = steps.at(-1);
    if (ready?.kind !== 'ready') throw new Error('the replay must end with the session ready');
    // The clock continues from the last report's arrival time, not from the moment of the replay.
    expect(ready.session.tick(T0 + 24_000 + 200 + 3_000).at(-1)).toMatchObject({
      kind: 'snapshot',
      snapshot: { at: T0 + 27_000 },
    });
  });

  it('says the session is gone when it has ended (or never existed)', async () => {
    await sut.markStartup();
    status = 'ended';
    expect(await firstValueFrom(sut.start(SESSION, noFailures))).toEqual({ kind: 'gone' });
    status = undefined;
    expect(await firstValueFrom(sut.start(SESSION, noFailures))).toEqual({ kind: 'gone' });
    expect(analyzers).toEqual([]);
  });

  it('refuses to rebuild before it knows where start-up cut the stored data', async () => {
    await expect(lastValueFrom(sut.start(SESSION, noFailures))).rejects.toThrow(/markStartup/);
  });
});
