import { join } from 'node:path';
import { DUMP_DIRECTORY, dumpFiles, readReports } from '../testing/real-reports';
import { encodeStatsDelta, resolveStatsDelta, type StatsObject } from './stats-delta';

const T0 = 1_700_000_000_000;

function inbound(fields: Record<string, unknown> = {}): StatsObject {
  return { id: 'IT01A', type: 'inbound-rtp', kind: 'audio', ssrc: 1, timestamp: T0, packetsReceived: 100, ...fields };
}

/** Resolving the encoded delta must give back exactly the current report (order aside). */
function roundTrip(baseline: StatsObject[], current: StatsObject[], timestamp: number): StatsObject[] {
  const delta = encodeStatsDelta(baseline, current, timestamp);
  const resolved = resolveStatsDelta(baseline, { timestamp, ...delta }, '/messages/0');
  if (!resolved.ok) throw new Error(JSON.stringify(resolved.issues));
  return resolved.stats;
}

function byId(stats: readonly StatsObject[]): Record<string, StatsObject> {
  return Object.fromEntries(stats.map((object) => [object.id, object]));
}

describe(encodeStatsDelta.name, () => {
  it('sends only changed fields, and leaves out objects whose only change is the shared timestamp', () => {
    const baseline = [inbound(), { id: 'CP1', type: 'candidate-pair', timestamp: T0, currentRoundTripTime: 0.02 }];
    const current = [
      inbound({ timestamp: T0 + 1000, packetsReceived: 150 }),
      { id: 'CP1', type: 'candidate-pair', timestamp: T0 + 1000, currentRoundTripTime: 0.02 },
    ];

    expect(encodeStatsDelta(baseline, current, T0 + 1000)).toEqual({ stats: [{ id: 'IT01A', packetsReceived: 150 }] });
  });

  it('sends new objects whole, removed ids by name, vanished fields as null and odd timestamps as they are', () => {
    const baseline = [inbound({ jitter: 0.01 }), { id: 'OLD', type: 'codec', timestamp: T0 }];
    const current = [
      inbound({ timestamp: T0 + 900, packetsReceived: 100 }),
      { id: 'NEW', type: 'media-playout', timestamp: T0 + 1000, totalSamplesCount: 4800 },
    ];

    expect(encodeStatsDelta(baseline, current, T0 + 1000)).toEqual({
      stats: [
        { id: 'IT01A', timestamp: T0 + 900, jitter: null },
        { id: 'NEW', type: 'media-playout', totalSamplesCount: 4800 },
      ],
      removed: ['OLD'],
    });
  });
});

describe(resolveStatsDelta.name, () => {
  it('round-trips new, changed, unchanged and removed objects and removed fields', () => {
    const baseline = [inbound({ jitter: 0.01 }), { id: 'OLD', type: 'codec', timestamp: T0 }];
    const current = [
      inbound({ timestamp: T0 + 900, packetsReceived: 120 }),
      { id: 'NEW', type: 'media-playout', timestamp: T0 + 1000, totalSamplesCount: 4800 },
    ];

    expect(byId(roundTrip(baseline, current, T0 + 1000))).toEqual(byId(current));
  });

  it('lists the objects the delta named first, so a validation path stats/i points at what the client sent', () => {
    const baseline = [
      { id: 'A', type: 'transport', timestamp: T0 },
      { id: 'B', type: 'inbound-rtp', timestamp: T0, packetsReceived: 1 },
    ];

    const resolved = resolveStatsDelta(
      baseline,
      { timestamp: T0 + 1000, stats: [{ id: 'B', packetsReceived: 2 }] },
      '',
    );

    expect(resolved.ok && resolved.stats.map((object) => object.id)).toEqual(['B', 'A']);
  });

  it('refuses an object that is neither in the baseline nor complete, and an id named twice', () => {
    const resolved = resolveStatsDelta(
      [inbound()],
      { timestamp: T0, stats: [{ id: 'X', packetsLost: 1 }, { id: 'IT01A' }, { id: 'IT01A' }] },
      '/messages/3',
    );

    expect(resolved).toEqual({
      ok: false,
      issues: [
        {
          path: '/messages/3/stats/0',
          reason: 'stats object "X" is not in the baseline, so it must be sent whole (it has no type)',
        },
        { path: '/messages/3/stats/2/id', reason: 'stats object "IT01A" appears twice in the delta' },
      ],
    });
  });

  it('does not change the baseline it resolves against', () => {
    const baseline = [inbound()];
    const before = structuredClone(baseline);

    resolveStatsDelta(baseline, { timestamp: T0 + 1000, stats: [{ id: 'IT01A', packetsReceived: 5, ssrc: null }] }, '');

    expect(baseline).toEqual(before);
  });
});

describe('stats delta on real browser reports', () => {
  it('finds the rtcstats dumps', () => {
    expect(DUMP_DIRECTORY).toBeDefined();
  });

  it.each(dumpFiles)('rebuilds every report of %s exactly from the one before, in a fraction of the bytes', (name) => {
    const reports = readReports(join(DUMP_DIRECTORY ?? '', name));
    const previousByPeerConnection = new Map<string, StatsObject[]>();
    let fullBytes = 0;
    let deltaBytes = 0;
    for (const report of reports) {
      const current = report.stats as StatsObject[];
      const previous = previousByPeerConnection.get(report.peerConnectionId);
      previousByPeerConnection.set(report.peerConnectionId, current);
      if (!previous) continue;
      expect(byId(roundTrip(previous, current, report.timestamp))).toEqual(byId(current));
      fullBytes += JSON.stringify(current).length;
      deltaBytes += JSON.stringify(encodeStatsDelta(previous, current, report.timestamp)).length;
    }

    expect(deltaBytes).toBeLessThan(fullBytes / 2);
  });
});
