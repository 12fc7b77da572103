import { join } from 'node:path';
import { EXAMPLE_IDS } from './examples';
import { checkEnvelope, KNOWN_STATS_TYPES } from './index';
import { DUMP_DIRECTORY, dumpFiles, readReports } from './testing/real-reports';

describe(`${checkEnvelope.name} with real browser stats`, () => {
  it('finds the rtcstats dumps', () => {
    if (!DUMP_DIRECTORY) {
      throw new Error(
        'rtcstats dumps not found: copy them (with their LICENSE) to test/fixtures/rtcstats-dumps, ' +
          'or point ATTUNE_RTCSTATS_DUMPS at them',
      );
    }
    expect(dumpFiles.length).toBeGreaterThanOrEqual(8);
  });

  it.each(dumpFiles)('accepts every getstats report of %s', (name) => {
    const reports = readReports(join(DUMP_DIRECTORY ?? '', name));
    const envelope = {
      v: 1,
      sessionId: EXAMPLE_IDS.sessionId,
      participantId: EXAMPLE_IDS.memberId,
      seq: 0,
      sentAt: reports[0].timestamp,
      messages: reports.map(({ peerConnectionId, timestamp, stats }) => ({
        kind: 'stats',
        timestamp,
        peerConnectionId,
        stats,
      })),
    };

    const sut = checkEnvelope(envelope);

    expect(reports.length).toBeGreaterThan(0);
    expect(sut.envelopeIssues).toEqual([]);
    expect(sut.rejected).toEqual([]);
    expect(sut.accepted).toHaveLength(reports.length);
  });

  it('covered the typed stats types across the dumps, so the test above is not vacuous', () => {
    const seen = new Set<unknown>();
    for (const name of dumpFiles) {
      for (const report of readReports(join(DUMP_DIRECTORY ?? '', name)))
        for (const stats of report.stats) seen.add(stats.type);
    }

    expect(KNOWN_STATS_TYPES.filter((type) => !seen.has(type))).toEqual([]);
  });
});
