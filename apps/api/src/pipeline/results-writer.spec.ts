import { DEFAULT_PIPELINE_SETTINGS } from './pipeline-settings';
import { ResultsWriter } from './results-writer';
import type { FinalResults } from './session-output';

const T0 = 1_700_000_000_000;

/** Records every batch; fails the first `failures` calls. */
class FakeUpserts<Row> {
  readonly batches: Row[][] = [];
  failures = 0;

  async upsert(rows: readonly Row[]): Promise<void> {
    if (this.failures > 0) {
      this.failures -= 1;
      throw Object.assign(new Error('connection lost'), { code: 'ECONNRESET' });
    }
    if (rows.length > 0) this.batches.push([...rows]);
  }
}

function results(windows: number): FinalResults {
  return {
    windows: Array.from({ length: windows }, (_, index) => ({
      participantId: null,
      windowStart: T0 + index * 10_000,
      windowSeconds: 10,
      metrics: { talkSeconds: index },
    })),
    episodes: [
      { participantId: 'p1', type: 'tab-hidden', start: T0, end: T0 + 5_000, durationSeconds: 5, endedBy: 'state' },
    ],
    estimatedUtterances: [{ participantId: 'p1', start: T0, end: T0 + 800, seq: 3 }],
  };
}

describe(ResultsWriter.name, () => {
  let windows: FakeUpserts<unknown>;
  let episodes: FakeUpserts<unknown>;
  let utterances: FakeUpserts<unknown>;
  let sut: ResultsWriter;

  beforeEach(() => {
    windows = new FakeUpserts();
    episodes = new FakeUpserts();
    utterances = new FakeUpserts();
    sut = new ResultsWriter(windows, episodes, utterances, {
      ...DEFAULT_PIPELINE_SETTINGS,
      writeBatchRows: 100,
      writeIntervalMs: 10,
    });
  });

  it('writes what several sessions produced in one statement per table, as rows of their session', async () => {
    sut.enqueue('S1', results(3));
    sut.enqueue('S2', results(2));
    await sut.flush();

    expect(windows.batches).toHaveLength(1);
    expect(windows.batches[0]).toHaveLength(5);
    expect(windows.batches[0][0]).toEqual({
      sessionId: 'S1',
      participantId: null,
      windowStart: new Date(T0),
      windowSeconds: 10,
      metrics: { talkSeconds: 0 },
      metricVersion: 1,
    });
    expect(episodes.batches).toEqual([
      [
        expect.objectContaining({ sessionId: 'S1', type: 'tab-hidden', detail: null, endedBy: 'state' }),
        expect.objectContaining({ sessionId: 'S2' }),
      ],
    ]);
    expect(utterances.batches[0][0]).toEqual({
      sessionId: 'S1',
      participantId: 'p1',
      startAt: new Date(T0),
      endAt: new Date(T0 + 800),
      seq: 3,
    });
    expect(sut.counters()).toMatchObject({ rowsWritten: 9, pendingRows: 0 });
  });

  it('splits a large backlog into batches of at most writeBatchRows', async () => {
    sut.enqueue('S1', results(250));
    await sut.flush();
    expect(windows.batches.map((batch) => batch.length)).toEqual([100, 100, 50]);
  });

  it('retries a batch the database could not take, and loses nothing', async () => {
    windows.failures = 2;
    sut.enqueue('S1', results(3));
    await sut.flush();
    expect(windows.batches).toEqual([expect.any(Array)]);
    expect(windows.batches[0]).toHaveLength(3);
    expect(sut.counters()).toMatchObject({ rowsWritten: 5, failedWrites: 2, rowsDropped: 0, pendingRows: 0 });
  });
});
