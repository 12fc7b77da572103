import { statsSampleColumns, type RtcStatsObject } from './stats-sample-columns';

// Excerpts of real reports from ../shared/fixtures/rtcstats-dumps (jitsi/rtcstats-server
// test dumps, MIT licence), rebuilt from their deltas; only the fields that matter here kept.

/** Chrome 99, peer-to-peer (google-standard-stats-p2p, PC_0, 20th report). */
// prettier-ignore
const chromeP2p: RtcStatsObject[] = [
  { id: 'RTCAudioSource_1', type: 'media-source', kind: 'audio', audioLevel: 0.00021362956633198035, totalAudioEnergy: 0.0005734703805124233, totalSamplesDuration: 36.59000000000129 },
  { id: 'RTCVideoSource_2', type: 'media-source', kind: 'video', width: 1280, height: 720, framesPerSecond: 30 },
  { id: 'RTCIceCandidatePair_RTKTApnA_WfUa5C2W', type: 'candidate-pair', transportId: 'RTCTransport_audio_1', state: 'succeeded', nominated: true, bytesSent: 4334693, bytesReceived: 5355250, totalRoundTripTime: 0.017, currentRoundTripTime: 0 },
  { id: 'RTCInboundRTPAudioStream_250981789', type: 'inbound-rtp', kind: 'audio', mediaType: 'audio', ssrc: 250981789, packetsReceived: 1745, bytesReceived: 64228, packetsLost: 0, jitter: 0.002, totalSamplesReceived: 1659680, concealedSamples: 800 },
  { id: 'RTCInboundRTPVideoStream_2864088180', type: 'inbound-rtp', kind: 'video', mediaType: 'video', ssrc: 2864088180, packetsReceived: 5980, bytesReceived: 4983266, packetsLost: 0, framesPerSecond: 29 },
  { id: 'RTCOutboundRTPAudioStream_2364213263', type: 'outbound-rtp', kind: 'audio', ssrc: 2364213263, packetsSent: 1742, bytesSent: 101819, mediaSourceId: 'RTCAudioSource_1' },
  { id: 'RTCOutboundRTPVideoStream_9891702', type: 'outbound-rtp', kind: 'video', ssrc: 9891702, packetsSent: 4858, bytesSent: 3966918, mediaSourceId: 'RTCVideoSource_2' },
  { id: 'RTCRemoteInboundRtpAudioStream_2364213263', type: 'remote-inbound-rtp', kind: 'audio', ssrc: 2364213263, packetsLost: 0, jitter: 0.002895833333333333, localId: 'RTCOutboundRTPAudioStream_2364213263', roundTripTime: 0.001 },
  { id: 'RTCRemoteInboundRtpVideoStream_9891702', type: 'remote-inbound-rtp', kind: 'video', ssrc: 9891702, packetsLost: 0, localId: 'RTCOutboundRTPVideoStream_9891702', roundTripTime: 0.004 },
  { id: 'RTCTransport_audio_1', type: 'transport', bytesSent: 4334693, bytesReceived: 5355250, dtlsState: 'connected', selectedCandidatePairId: 'RTCIceCandidatePair_RTKTApnA_WfUa5C2W' },
  { id: 'RTCCodec_audio_Inbound_111', type: 'codec', mimeType: 'audio/opus', clockRate: 48000 },
];

/** Firefox 82 through an SFU (firefox-standard-stats-sfu, PC_0): no transport stats, several streams. */
// prettier-ignore
const firefoxSfu: RtcStatsObject[] = [
  { id: '1fd1536', type: 'candidate-pair', nominated: false, selected: false, state: 'failed', transportId: 'transport_0' },
  { id: '8e6f67ac', type: 'candidate-pair', nominated: true, selected: false, state: 'inprogress', transportId: 'transport_0' },
  { id: 'b1dd866a', type: 'candidate-pair', nominated: true, selected: true, state: 'succeeded', bytesReceived: 4273718, bytesSent: 594904, transportId: 'transport_0' },
  { id: '2d562ce3', type: 'inbound-rtp', kind: 'audio', mediaType: 'audio', ssrc: 4051566705, jitter: 0.003, packetsLost: 0, packetsReceived: 1364, bytesReceived: 89227 },
  { id: '51775e14', type: 'inbound-rtp', kind: 'audio', mediaType: 'audio', ssrc: 876450406, jitter: 0.005, packetsLost: 0, packetsReceived: 1365, bytesReceived: 89274 },
  { id: '4c9fe2a0', type: 'inbound-rtp', kind: 'audio', mediaType: 'audio', ssrc: 1291750480, jitter: 0.006, packetsLost: 0, packetsReceived: 788, bytesReceived: 59901 },
  { id: '888f59c7', type: 'inbound-rtp', kind: 'video', mediaType: 'video', ssrc: 2403718901, jitter: 0.005, packetsLost: 2, packetsReceived: 820, bytesReceived: 722085 },
  { id: 'ca51c4b6', type: 'outbound-rtp', kind: 'audio', mediaType: 'audio', ssrc: 1426121629, bytesSent: 133076, packetsSent: 1319 },
  { id: '2adfa4f4', type: 'remote-inbound-rtp', kind: 'audio', mediaType: 'audio', ssrc: 1426121629, jitter: 0, packetsLost: 0, localId: 'ca51c4b6', roundTripTime: 0.054 },
  { id: 'fd5e979c', type: 'remote-outbound-rtp', kind: 'audio', mediaType: 'audio', ssrc: 4051566705, bytesSent: 74457, packetsSent: 1145, localId: '2d562ce3' },
];

/** Safari 14 (safari-standard-stats, PC_0): remote-inbound-rtp with an empty kind, no audio energy. */
// prettier-ignore
const safari: RtcStatsObject[] = [
  { id: 'RTCAudioSource_5', type: 'media-source', kind: 'audio', trackIdentifier: '0426ba3c-d24e-4c73-a35f-293113740878' },
  { id: 'RTCIceCandidatePair_9xo/S95y_r8mj4mBN', type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.05, transportId: 'RTCTransport_0_1' },
  { id: 'RTCInboundRTPAudioStream_1291750480', type: 'inbound-rtp', kind: 'audio', mediaType: 'audio', ssrc: 1291750480, jitter: 0.01, packetsLost: 1, packetsReceived: 1712, bytesReceived: 78184 },
  { id: 'RTCOutboundRTPAudioStream_1449778799', type: 'outbound-rtp', kind: 'audio', mediaType: 'audio', ssrc: 1449778799, bytesSent: 108487, packetsSent: 1713, codecId: 'RTCCodec_0_Outbound_111' },
  { id: 'RTCOutboundRTPVideoStream_2047229442', type: 'outbound-rtp', kind: 'video', mediaType: 'video', ssrc: 2047229442, bytesSent: 841449, packetsSent: 831, codecId: 'RTCCodec_5_Outbound_100' },
  { id: 'RTCRemoteInboundRtpAudioStream_1449778799', type: 'remote-inbound-rtp', kind: '', mediaType: '', ssrc: 1449778799, localId: 'RTCOutboundRTPAudioStream_1449778799', roundTripTime: 0.05 },
  { id: 'RTCRemoteInboundRtpVideoStream_2047229442', type: 'remote-inbound-rtp', kind: '', mediaType: '', ssrc: 2047229442, localId: 'RTCOutboundRTPVideoStream_2047229442', roundTripTime: 0.2 },
  { id: 'RTCTransport_0_1', type: 'transport', bytesReceived: 2880686, bytesSent: 1073767, dtlsState: 'connected', selectedCandidatePairId: 'RTCIceCandidatePair_9xo/S95y_r8mj4mBN' },
];

describe(statsSampleColumns.name, () => {
  it('reads a Chrome peer-to-peer report', () => {
    const columns = statsSampleColumns(chromeP2p);

    expect(columns).toEqual({
      audioPacketsReceived: 1745,
      audioPacketsLost: 0,
      videoPacketsReceived: 5980,
      videoPacketsLost: 0,
      audioJitterMs: expect.closeTo(2, 9),
      iceRttMs: 0,
      rtcpRttMs: expect.closeTo(1, 9),
      bytesReceived: 64228 + 4983266,
      bytesSent: 101819 + 3966918,
      mediaSourceAudioEnergy: 0.0005734703805124233,
      mediaSourceSamplesDuration: 36.59000000000129,
    });
  });

  it('sums counters and takes the worst jitter over the streams of an SFU (Firefox)', () => {
    const columns = statsSampleColumns(firefoxSfu);

    expect(columns.audioPacketsReceived).toBe(1364 + 1365 + 788);
    expect(columns.videoPacketsLost).toBe(2);
    expect(columns.audioJitterMs).toBeCloseTo(6, 9);
    expect(columns.rtcpRttMs).toBeCloseTo(54, 9);
    // remote-outbound-rtp describes what the far end sent: not our bytesSent.
    expect(columns.bytesSent).toBe(133076);
    expect(columns.bytesReceived).toBe(89227 + 89274 + 59901 + 722085);
  });

  it("uses Firefox's `selected` pair when there is no transport, and null when it has no RTT", () => {
    expect(statsSampleColumns(firefoxSfu).iceRttMs).toBeNull();

    const withRtt = firefoxSfu.map((entry) =>
      entry.id === 'b1dd866a' ? { ...entry, currentRoundTripTime: 0.021 } : entry,
    );
    expect(statsSampleColumns(withRtt).iceRttMs).toBeCloseTo(21, 9);
  });

  it("finds the kind of Safari's kind-less remote-inbound-rtp through its local stream", () => {
    const columns = statsSampleColumns(safari);

    expect(columns.rtcpRttMs).toBeCloseTo(50, 9); // the audio one, not the video's 200 ms
    expect(columns.iceRttMs).toBeCloseTo(50, 9);
    expect(columns.mediaSourceAudioEnergy).toBeNull();
    expect(columns.videoPacketsReceived).toBeNull();
  });

  it('follows the transport to the selected pair rather than any nominated one', () => {
    const stats: RtcStatsObject[] = [
      { id: 'old', type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.5 },
      { id: 'new', type: 'candidate-pair', nominated: true, state: 'succeeded', currentRoundTripTime: 0.03 },
      { id: 'T', type: 'transport', selectedCandidatePairId: 'new' },
    ];

    expect(statsSampleColumns(stats).iceRttMs).toBeCloseTo(30, 9);
  });

  it('ignores legacy isRemote objects, non-numbers and impossible counters', () => {
    const stats: RtcStatsObject[] = [
      { id: 'a', type: 'inbound-rtp', kind: 'audio', packetsReceived: 100, packetsLost: -2, jitter: 0.01 },
      { id: 'b', type: 'inbound-rtp', kind: 'audio', isRemote: true, packetsReceived: 999, jitter: 5 },
      { id: 'c', type: 'inbound-rtp', kind: 'audio', packetsReceived: 1.5, packetsLost: '3', jitter: Number.NaN },
      { id: 'd', type: 'inbound-rtp', kind: 'audio', packetsReceived: -4, bytesReceived: Number.POSITIVE_INFINITY },
    ];

    const columns = statsSampleColumns(stats);

    expect(columns.audioPacketsReceived).toBe(100);
    expect(columns.audioPacketsLost).toBe(-2); // duplicates can outnumber losses
    expect(columns.audioJitterMs).toBeCloseTo(10, 9);
    expect(columns.bytesReceived).toBeNull();
  });

  it('gives nulls for an empty report', () => {
    expect(Object.values(statsSampleColumns([])).every((value) => value === null)).toBe(true);
  });
});
