import { StatsDeltaResolver } from './stats-delta-resolver';

/*
 * Three consecutive getstats deltas of one peer connection, cut down from the shared fixture
 * `chrome-relay` (jitsi/rtcstats-server, MIT), with the remote-inbound-rtp of the third report
 * written as `google-standard-stats-p2p` writes an unchanged remote timestamp (left out).
 */
const FIRST = {
  CPfJfiL0UU_pjplYfUx: {
    timestamp: 0,
    type: 'candidate-pair',
    transportId: 'T01',
    bytesReceived: 1359,
    packetsReceived: 12,
    currentRoundTripTime: 0.027,
    nominated: true,
    state: 'in-progress',
  },
  CPI84lhUxJ_pjplYfUx: {
    timestamp: 0,
    type: 'candidate-pair',
    nominated: false,
    requestsSent: 1,
    state: 'in-progress',
  },
  timestamp: 1697705722479.643,
};
const SECOND = {
  CPfJfiL0UU_pjplYfUx: {
    timestamp: 0,
    bytesReceived: 335705,
    packetsReceived: 748,
    currentRoundTripTime: 0.025,
    state: 'succeeded',
  },
  CPI84lhUxJ_pjplYfUx: { timestamp: 0, requestsSent: 9 },
  RIV2007858786: {
    timestamp: 1697705731882,
    type: 'remote-inbound-rtp',
    kind: 'video',
    ssrc: 2007858786,
    packetsLost: 0,
    roundTripTime: 0.025421,
  },
  timestamp: 1697705732113.258,
};
const THIRD = {
  CPfJfiL0UU_pjplYfUx: { timestamp: 0, bytesReceived: 759813, packetsReceived: 1604, currentRoundTripTime: 0.027 },
  RIV2007858786: { roundTripTime: 0.025803 },
  timestamp: 1697705742116.014,
};

function resolveAll(...deltas: Record<string, unknown>[]) {
  const sut = new StatsDeltaResolver();
  return deltas.map((delta) => sut.resolve(delta, delta.timestamp as number));
}

describe(StatsDeltaResolver.name, () => {
  it('merges each delta over the previous report into full objects (hand-resolved)', () => {
    const [, , third] = resolveAll(FIRST, SECOND, THIRD);
    expect(third.objects).toEqual([
      {
        id: 'CPfJfiL0UU_pjplYfUx',
        type: 'candidate-pair',
        timestamp: 1697705742116.014,
        transportId: 'T01',
        bytesReceived: 759813,
        packetsReceived: 1604,
        currentRoundTripTime: 0.027,
        nominated: true,
        state: 'succeeded',
      },
      {
        id: 'RIV2007858786',
        type: 'remote-inbound-rtp',
        timestamp: 1697705731882,
        kind: 'video',
        ssrc: 2007858786,
        packetsLost: 0,
        roundTripTime: 0.025803,
      },
    ]);
  });

  it('fills a zeroed object timestamp with the hoisted report timestamp and keeps an object’s own', () => {
    const [, second] = resolveAll(FIRST, SECOND);
    const timestamps = Object.fromEntries(second.objects.map((object) => [object.id, object.timestamp]));
    expect(timestamps).toEqual({
      CPfJfiL0UU_pjplYfUx: 1697705732113.258,
      CPI84lhUxJ_pjplYfUx: 1697705732113.258,
      RIV2007858786: 1697705731882,
    });
  });

  it('keeps the previous timestamp of an object whose delta leaves the timestamp out', () => {
    const [, , third] = resolveAll(FIRST, SECOND, THIRD);
    expect(third.objects.find((object) => object.id === 'RIV2007858786')?.timestamp).toBe(1697705731882);
  });

  it('drops an object the delta no longer lists, and starts it afresh when it reappears', () => {
    const reappearing = {
      CPI84lhUxJ_pjplYfUx: { timestamp: 0, type: 'candidate-pair', requestsSent: 1, state: 'in-progress' },
      timestamp: 1697705752116,
    };
    const [, , third, fourth] = resolveAll(FIRST, SECOND, THIRD, reappearing);
    expect(third.objects.map((object) => object.id)).not.toContain('CPI84lhUxJ_pjplYfUx');
    expect(fourth.objects).toEqual([
      {
        id: 'CPI84lhUxJ_pjplYfUx',
        type: 'candidate-pair',
        timestamp: 1697705752116,
        requestsSent: 1,
        state: 'in-progress',
      },
    ]);
  });

  it('replaces nested values whole, as the compressor sends them whole', () => {
    const sut = new StatsDeltaResolver();
    sut.resolve({ OT: { timestamp: 0, type: 'outbound-rtp', qualityLimitationDurations: { none: 1, cpu: 0 } } }, 1000);
    const { objects } = sut.resolve({ OT: { timestamp: 0, qualityLimitationDurations: { none: 2 } } }, 2000);
    expect(objects[0].qualityLimitationDurations).toEqual({ none: 2 });
  });

  it('reports entries that are not objects instead of failing', () => {
    const { objects, malformedIds } = new StatsDeltaResolver().resolve({ A: 3, B: { type: 'codec' } }, 1000);
    expect(malformedIds).toEqual(['A']);
    expect(objects.map((object) => object.id)).toEqual(['B']);
  });
});
