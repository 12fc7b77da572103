import { SnapshotTimeliness } from './snapshot-timeliness';

const PERIOD_MS = 1_000;
const START = 1_000_000;

describe(SnapshotTimeliness.name, () => {
  it('measures each snapshot against a period after the same session’s previous one', () => {
    const sut = new SnapshotTimeliness(PERIOD_MS, START);
    sut.published('a', START + 100);
    sut.published('b', START + 600);
    sut.published('a', START + 1_100); // on time
    sut.published('b', START + 1_750); // 150 ms late
    sut.published('a', START + 2_130); // 30 ms late
    sut.published('b', START + 2_700); // early: a late tick does not delay the next

    expect(sut.summary(START + 3_000)).toEqual({
      seconds: 3,
      snapshots: 4,
      p50Ms: 0,
      p99Ms: 150,
      maxMs: 150,
      laterThan100Ms: 1,
    });
  });

  it('reports nothing measured before any session has a second snapshot', () => {
    const sut = new SnapshotTimeliness(PERIOD_MS, START);
    sut.published('a', START + 100);

    expect(sut.summary(START + 2_000)).toEqual({
      seconds: 2,
      snapshots: 0,
      p50Ms: null,
      p99Ms: null,
      maxMs: null,
      laterThan100Ms: 0,
    });
  });

  it('takes percentiles by nearest rank', () => {
    const sut = new SnapshotTimeliness(PERIOD_MS, START);
    // 100 sessions, each a second snapshot 0..99 ms late.
    for (let session = 0; session < 100; session++) sut.published(`s${session}`, START);
    for (let session = 0; session < 100; session++) sut.published(`s${session}`, START + PERIOD_MS + session);

    const summary = sut.summary(START + 2 * PERIOD_MS);
    expect(summary).toMatchObject({ snapshots: 100, p50Ms: 49, p99Ms: 98, maxMs: 99, laterThan100Ms: 0 });
  });

  it('covers only the last span', () => {
    const sut = new SnapshotTimeliness(PERIOD_MS, START, 10_000);
    const publishSeconds = (from: number, to: number) => {
      for (let second = from; second <= to; second++) {
        sut.published('a', START + second * PERIOD_MS + (second === 5 ? 500 : 0));
      }
    };

    publishSeconds(0, 10);
    expect(sut.summary(START + 10_000)).toMatchObject({ seconds: 10, snapshots: 10, maxMs: 500, laterThan100Ms: 1 });

    // The 500 ms late snapshot of second 5 is now 25 s old, outside the span.
    publishSeconds(11, 30);
    expect(sut.summary(START + 30_000)).toMatchObject({ seconds: 10, snapshots: 10, maxMs: 0, laterThan100Ms: 0 });
  });

  it('says how far back a full ring reaches when more snapshots came than it keeps', () => {
    const sut = new SnapshotTimeliness(PERIOD_MS, START, 60_000, 8);
    for (let second = 0; second <= 20; second++) sut.published('a', START + second * PERIOD_MS);

    expect(sut.summary(START + 20_000)).toMatchObject({ seconds: 7, snapshots: 8 });
  });

  it('starts a session afresh once it has ended', () => {
    const sut = new SnapshotTimeliness(PERIOD_MS, START);
    sut.published('a', START);
    sut.ended('a');
    sut.published('a', START + 5_000);

    expect(sut.summary(START + 6_000).snapshots).toBe(0);
  });
});
