import { deltaBaselinesOf, StatsBaselines } from './stats-baselines';

const report = (packetsReceived: number) => [{ id: 'IT01A', type: 'inbound-rtp', timestamp: 0, packetsReceived }];
const deltaOf = (seq: number, peerConnectionId?: string) => ({
  kind: 'stats' as const,
  timestamp: 5000,
  peerConnectionId,
  deltaOf: seq,
  stats: [{ id: 'IT01A', packetsReceived: 999 }],
});

describe(StatsBaselines.name, () => {
  it('resolves against the stored report of that seq and peer connection only', () => {
    const sut = new StatsBaselines();
    sut.remember('pc-1', 7, report(100));
    sut.remember('pc-2', 8, report(200));

    expect(sut.resolve(deltaOf(7, 'pc-1'), '/messages/0')).toEqual({
      ok: true,
      stats: [{ id: 'IT01A', type: 'inbound-rtp', timestamp: 5000, packetsReceived: 999 }],
    });
    expect(sut.resolve(deltaOf(7, 'pc-2'), '/messages/0')).toMatchObject({
      ok: false,
      issues: [{ path: '/messages/0/deltaOf' }],
    });
  });

  it('takes the last of several reports of one peer connection in an envelope, as the collector does', () => {
    const sut = new StatsBaselines();
    // A collector catching up after an outage packs its buffered reports into one envelope.
    for (const packets of [100, 150, 200]) sut.remember('pc-1', 7, report(packets));
    sut.remember('pc-1', 8, report(250));
    const fieldChanged = { ...deltaOf(7, 'pc-1'), stats: [{ id: 'IT01A', timestamp: 5000 }] };

    expect(sut.resolve(fieldChanged, '/messages/0')).toEqual({
      ok: true,
      stats: [{ id: 'IT01A', type: 'inbound-rtp', timestamp: 5000, packetsReceived: 200 }],
    });
    // The envelope's reports count as one of the four kept.
    for (const seq of [9, 10]) sut.remember('pc-1', seq, report(seq));
    expect(sut.has('pc-1', 7)).toBe(true);
  });

  it('keeps the last four reports per peer connection', () => {
    const sut = new StatsBaselines();
    for (let seq = 0; seq < 6; seq++) sut.remember(undefined, seq, report(seq));

    expect([0, 1, 2, 3, 4, 5].map((seq) => sut.has(undefined, seq))).toEqual([false, false, true, true, true, true]);
  });

  it('forgets the least recently used peer connection beyond 32', () => {
    const sut = new StatsBaselines();
    for (let index = 0; index < 32; index++) sut.remember(`pc-${index}`, index, report(index));
    sut.remember('pc-0', 40, report(40)); // pc-0 is used again, so pc-1 is now the oldest
    sut.remember('pc-32', 41, report(41));

    expect(sut.has('pc-0', 0)).toBe(true);
    expect(sut.has('pc-1', 1)).toBe(false);
    expect(sut.has('pc-2', 2)).toBe(true);
    expect(sut.has('pc-32', 41)).toBe(true);
  });
});

describe(deltaBaselinesOf.name, () => {
  it('lists the baselines an envelope refers to, ignoring anything malformed', () => {
    const envelope = {
      messages: [deltaOf(3, 'pc-1'), deltaOf(4), { kind: 'stats', deltaOf: '5' }, null, { kind: 'utterance' }],
    };

    expect(deltaBaselinesOf(envelope)).toEqual([
      { peerConnectionId: 'pc-1', seq: 3 },
      { peerConnectionId: undefined, seq: 4 },
    ]);
    expect(deltaBaselinesOf('not an envelope')).toEqual([]);
  });
});
