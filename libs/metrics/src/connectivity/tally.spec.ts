import { addIntervalToTally, EMPTY_TALLY, IntervalSums, mergeTallies, mutableTally } from './tally';
import { inbound, interval, outbound, remoteInbound, selectedPair } from './testing/intervals';

describe('connectivity tally', () => {
  it('has no timestamps and no maxima until an interval brings them (absent, not zero)', () => {
    expect(EMPTY_TALLY).toMatchObject({ intervals: 0, coveredSeconds: 0, bytesReceived: 0 });
    expect(EMPTY_TALLY.firstTimestamp).toBeUndefined();
    expect(EMPTY_TALLY.coveredUntil).toBeUndefined();
    expect(EMPTY_TALLY.iceRttMs).toEqual({ sum: 0, count: 0, max: undefined });
    expect(EMPTY_TALLY.qualityLimitationSeconds).toEqual({ none: 0, cpu: 0, bandwidth: 0, other: 0 });
  });

  it('adds every group of an interval under its own name', () => {
    const tally = addIntervalToTally(
      EMPTY_TALLY,
      interval(
        10_000,
        [
          inbound('audio', { packetsLost: 2, packetsReceived: 48, bytesReceived: 6_000 }, { jitter: 0.012 }),
          inbound('video', { packetsLost: 1, packetsReceived: 99, framesDecoded: 25, freezeCount: 1 }),
          outbound('video', {
            bytesSent: 9_000,
            packetsSent: 90,
            framesEncoded: 30,
            'qualityLimitationDurations.cpu': 0.25,
            'qualityLimitationDurations.none': 0.75,
          }),
          remoteInbound('audio', { packetsLost: 3 }, { roundTripTime: 0.08, jitter: 0.02 }, 50),
        ],
        { seconds: 2, pair: selectedPair(0.05) },
      ),
    );
    expect(tally).toMatchObject({
      intervals: 1,
      firstTimestamp: 10_000,
      lastTimestamp: 10_000,
      coveredSeconds: 2,
      coveredUntil: 10_000,
      inboundPackets: { lost: 3, received: 147 },
      inboundAudioPackets: { lost: 2, received: 48 },
      outboundPackets: { lost: 3, received: 47 },
      bytesReceived: 6_000,
      bytesSent: 9_000,
      inboundVideoFrames: { frames: 25, streamSeconds: 2 },
      outboundVideoFrames: { frames: 30, streamSeconds: 2 },
      freezeCount: 1,
      qualityLimitationSeconds: { none: 0.75, cpu: 0.25, bandwidth: 0, other: 0 },
      iceRttMs: { sum: 50, count: 1, max: 50 },
      rtcpRttMs: { sum: 80, count: 1, max: 80 },
      audioJitterMs: { sum: 12, count: 1, max: 12 },
      remoteAudioJitterMs: { sum: 20, count: 1, max: 20 },
    });
  });

  it('merges by adding sums, and by min or max the timestamps and maxima (an empty side changes nothing)', () => {
    const early = addIntervalToTally(EMPTY_TALLY, interval(5_000, [], { pair: selectedPair(0.09) }));
    const late = addIntervalToTally(EMPTY_TALLY, interval(9_000, [], { pair: selectedPair(0.03) }));
    const merged = mergeTallies(late, early);
    expect(merged).toMatchObject({ intervals: 2, firstTimestamp: 5_000, lastTimestamp: 9_000, coveredUntil: 9_000 });
    expect(merged.iceRttMs).toEqual({ sum: 120, count: 2, max: 90 });
    expect(mergeTallies(EMPTY_TALLY, early).iceRttMs).toEqual(early.iceRttMs);
    expect(mergeTallies(early, EMPTY_TALLY).firstTimestamp).toBe(5_000);
  });

  it('copies: adding to a mutable copy leaves the original as it was', () => {
    const original = addIntervalToTally(
      EMPTY_TALLY,
      interval(1_000, [inbound('audio', { packetsLost: 0, packetsReceived: 50 })]),
    );
    const copy = mutableTally(original);
    copy.addInterval(new IntervalSums(interval(2_000, [inbound('audio', { packetsLost: 0, packetsReceived: 50 })])));
    expect(original).toMatchObject({ intervals: 1, lastTimestamp: 1_000, inboundPackets: { received: 50 } });
    expect(copy).toMatchObject({ intervals: 2, lastTimestamp: 2_000, inboundPackets: { received: 100 } });
  });

  it('counts time two peer connections report over once, however the intervals are added', () => {
    // Two connections polled over the same second, then the next second from one of them.
    const intervals = [
      interval(2_000, [], { peerConnectionId: 'P2P' }),
      interval(2_000, [], { peerConnectionId: 'SFU' }),
      interval(3_000, [], { peerConnectionId: 'SFU' }),
    ];
    const tally = mutableTally();
    for (const each of intervals) tally.addInterval(new IntervalSums(each));
    expect(tally).toMatchObject({ intervals: 3, coveredSeconds: 2, coveredUntil: 3_000, firstTimestamp: 2_000 });
    expect(intervals.reduce(addIntervalToTally, EMPTY_TALLY).coveredSeconds).toBe(2);
  });

  it("is one interval's tally as it arrives: its own time, connection and sums", () => {
    const sums = new IntervalSums(
      interval(4_000, [inbound('audio', { packetsLost: 1, packetsReceived: 9 })], {
        seconds: 2,
        peerConnectionId: 'PC_1',
      }),
    );
    expect(sums).toMatchObject({
      timestamp: 4_000,
      peerConnectionId: 'PC_1',
      intervalSeconds: 2,
      intervals: 1,
      coveredSeconds: 2,
      inboundPackets: { lost: 1, received: 9 },
    });
  });
});
