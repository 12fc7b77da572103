/*
 * A small chrome://webrtc-internals export ("Create a dump"), written by hand after Chromium's
 * webrtc-internals code (dump_creator.js, data_series.js, stats_graph_helper.js) and the importers
 * of fippo/webrtc-dump-importer:
 *
 * { getUserMedia: [request…], PeerConnections: { "<pid>-<lid>": record }, UserAgent }
 * record = { pid, url, rtcConfiguration, constraints, stats, updateLog }
 * stats  = { "<statsId>-<property>": { startTime, endTime, statsType, values } }, one TimelineDataSeries
 *          per property: startTime/endTime are the first and last point (Date → ISO string), values is
 *          the JSON *string* of the points (at most 1000, one per poll, every second by default). Values
 *          that look like numbers were stored as numbers (a mid "0" becomes 0). Since Chrome 117 each
 *          object also has a "<statsId>-timestamp" series; "<statsId>-[…]" series are rates computed
 *          by the page (e.g. "[packetsReceived/s]"), not browser stats.
 * updateLog = [{ type, value, timestamp }] (recent Chrome, epoch ms) or [{ time, type, value }] with
 *          `time` from Date.toLocaleString() (older Chrome: local time, no zone).
 *
 * Connection 4242-1 is a recent Chrome (per-object timestamps, a property that appears late, a
 * remote-inbound-rtp whose timestamp lags the poll, a computed rate, a candidate with its address);
 * 4242-2 is an older one (no timestamp series, locale times, `stop` for close).
 */

/** Polls of 4242-1: 2023-11-14T22:13:21Z, :22Z and :23Z. */
export const POLL_TIMES = [1700000001000, 1700000002000, 1700000003000] as const;

function series(statsType: string, values: unknown[], startTime: number = POLL_TIMES[0]) {
  return {
    startTime: new Date(startTime).toISOString(),
    endTime: new Date(startTime + (values.length - 1) * 1000).toISOString(),
    statsType,
    values: JSON.stringify(values),
  };
}

const qualityLimitation = (none: number, bandwidth: number) => JSON.stringify({ bandwidth, cpu: 0, none, other: 0 }); // older builds stored nested objects as strings

export const WEBRTC_INTERNALS_SAMPLE = {
  getUserMedia: [
    {
      audio: '',
      origin: 'https://meet.example',
      pid: 4242,
      rid: 7,
      request_id: 0,
      request_type: 'getUserMedia',
      timestamp: 1700000000100,
      video: 'width: {ideal: 1280}',
      audio_track_info: '{"id":"a1","label":"Jabra Speak 510 (0b0e:0422)"}',
    },
  ],
  PeerConnections: {
    '4242-1': {
      constraints: '',
      pid: 4242,
      rtcConfiguration: '{ iceServers: [turns:turn.example:443?transport=tcp], bundlePolicy: max-bundle }',
      stats: {
        'T01-timestamp': series('transport', [...POLL_TIMES]),
        'T01-bytesReceived': series('transport', [1000, 2500, 4100]),
        'T01-iceState': series('transport', ['checking', 'connected', 'connected']),
        'T01-selectedCandidatePairId': series('transport', ['CP1', 'CP1', 'CP1']),
        'IT01A111-timestamp': series('inbound-rtp', [...POLL_TIMES]),
        'IT01A111-kind': series('inbound-rtp', ['audio', 'audio', 'audio']),
        'IT01A111-mid': series('inbound-rtp', [0, 0, 0]),
        'IT01A111-ssrc': series('inbound-rtp', [111, 111, 111]),
        'IT01A111-packetsReceived': series('inbound-rtp', [50, 100, 150]),
        'IT01A111-packetsLost': series('inbound-rtp', [0, 1, 1]),
        'IT01A111-jitter': series('inbound-rtp', [0.002, 0.004, 0.003]),
        'IT01A111-[packetsReceived/s]': series('inbound-rtp', [0, 50, 50]),
        'OT01V222-timestamp': series('outbound-rtp', [...POLL_TIMES]),
        'OT01V222-kind': series('outbound-rtp', ['video', 'video', 'video']),
        'OT01V222-active': series('outbound-rtp', [true, true, true]),
        'OT01V222-packetsSent': series('outbound-rtp', [10, 40, 90]),
        'OT01V222-targetBitrate': series('outbound-rtp', [300000, 450000], POLL_TIMES[1]),
        'OT01V222-qualityLimitationDurations': series('outbound-rtp', [
          qualityLimitation(0.1, 0),
          qualityLimitation(1.1, 0),
          qualityLimitation(1.6, 0.5),
        ]),
        'RIA333-timestamp': series('remote-inbound-rtp', [1700000000400, 1700000001700, 1700000002700]),
        'RIA333-kind': series('remote-inbound-rtp', ['audio', 'audio', 'audio']),
        'RIA333-roundTripTime': series('remote-inbound-rtp', [0.05, 0.06, 0.055]),
        'L1-timestamp': series('local-candidate', [...POLL_TIMES]),
        'L1-address': series('local-candidate', ['203.0.113.9', '203.0.113.9', '203.0.113.9']),
        'L1-port': series('local-candidate', [50000, 50000, 50000]),
        'L1-candidateType': series('local-candidate', ['host', 'host', 'host']),
      },
      updateLog: [
        { timestamp: 1700000000500, type: 'transceiverAdded', value: 'mid: null, kind: audio' },
        { timestamp: 1700000000800, type: 'iceconnectionstatechange', value: 'checking' },
        { timestamp: 1700000000900, type: 'connectionstatechange', value: 'connecting' },
        { timestamp: 1700000001100, type: 'iceconnectionstatechange', value: 'connected' },
        { timestamp: 1700000001150, type: 'connectionstatechange', value: 'connected' },
        { timestamp: 1700000003500, type: 'close', value: '' },
      ],
      url: 'https://meet.example/room',
    },
    '4242-2': {
      constraints: '',
      pid: 4242,
      rtcConfiguration: '{ iceServers: [], bundlePolicy: max-bundle }',
      stats: {
        'CPa_b-currentRoundTripTime': series('candidate-pair', [0.03, 0.04], 1700000001500),
        'CPa_b-state': series('candidate-pair', ['succeeded', 'succeeded'], 1700000001500),
        'CPa_b-nominated': series('candidate-pair', ['true', 'true'], 1700000001500),
        'CPa_b-packetsReceived': {
          startTime: 'yesterday',
          endTime: 'today',
          statsType: 'candidate-pair',
          values: '[1]',
        },
      },
      updateLog: [
        { time: '11/14/2023, 10:13:21 PM', type: 'iceConnectionStateChange', value: 'connected' },
        { time: '14/11/2023, 22:13:21', type: 'connectionstatechange', value: 'connected' },
        { time: '11/14/2023, 10:13:23 PM', type: 'stop', value: '' },
      ],
      url: 'https://meet.example/room',
    },
  },
  UserAgent: 'Mozilla/5.0 (X11; Linux x86_64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0.0.0 Safari/537.36',
};

/** Indented as a saved dump is, so that problems have distinct line numbers. */
export const WEBRTC_INTERNALS_SAMPLE_TEXT = JSON.stringify(WEBRTC_INTERNALS_SAMPLE, null, 1);
