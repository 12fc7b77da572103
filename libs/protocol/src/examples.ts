import type { StatsDeltaMessage } from './delta/stats-delta.schema';
import type { Envelope } from './schema/envelope';
import type { ClientEventMessage } from './schema/client-event';
import type { FacilitatorEventMessage } from './schema/facilitator-event';
import type { JoinMessage, LeaveMessage, StatsMessage, UtteranceMessage } from './schema/messages';

/**
 * Valid examples of every message kind. docs/protocol.md shows exactly these (a test compares
 * them), and the tests and the benchmark use them, so documentation and code cannot drift.
 */
export const EXAMPLE_IDS = {
  sessionId: '3f2b8c1e-9d4a-4e7b-a1c2-5d6e7f8a9b0c',
  memberId: 'b7e4c2a1-3d5f-4a6b-8c9d-0e1f2a3b4c5d',
  facilitatorId: 'c1d2e3f4-a5b6-4c7d-8e9f-0a1b2c3d4e5f',
} as const;

/** 2025-11-26 10:40:00 UTC, the clock every example is set against. */
const T0 = 1764153600000;

/** A realistic Chrome report of one member in an SFU call: 12 objects, addresses already removed. */
export const EXAMPLE_STATS_MESSAGE: StatsMessage = {
  kind: 'stats',
  timestamp: T0 + 1000,
  peerConnectionId: 'pc-0',
  stats: [
    {
      type: 'media-source',
      id: 'SA1',
      timestamp: T0 + 1000.291,
      kind: 'audio',
      trackIdentifier: '0d6f0a5e-5f1b-4d55-9b8e-2f7f2a1c9e41',
      audioLevel: 0.0427,
      totalAudioEnergy: 1.9843,
      totalSamplesDuration: 92.41,
      echoReturnLoss: -100,
      echoReturnLossEnhancement: 0.17,
    },
    {
      type: 'media-source',
      id: 'SV2',
      timestamp: T0 + 1000.291,
      kind: 'video',
      trackIdentifier: '8c47b29f-4172-47e0-b9ee-a1ba125fe844',
      width: 1280,
      height: 720,
      frames: 2762,
      framesPerSecond: 30,
    },
    {
      type: 'outbound-rtp',
      id: 'OT01A2239846182',
      timestamp: T0 + 1000.291,
      ssrc: 2239846182,
      kind: 'audio',
      transportId: 'T01',
      codecId: 'COT01_111_minptime=10;useinbandfec=1',
      mid: '0',
      mediaSourceId: 'SA1',
      remoteId: 'RIA2239846182',
      packetsSent: 4611,
      bytesSent: 412877,
      headerBytesSent: 110664,
      retransmittedPacketsSent: 0,
      retransmittedBytesSent: 0,
      targetBitrate: 32000,
      totalPacketSendDelay: 0.184,
      nackCount: 0,
      active: true,
    },
    {
      type: 'outbound-rtp',
      id: 'OT01V2007858786',
      timestamp: T0 + 1000.291,
      ssrc: 2007858786,
      kind: 'video',
      transportId: 'T01',
      codecId: 'COT01_96',
      mid: '1',
      mediaSourceId: 'SV2',
      remoteId: 'RIV2007858786',
      packetsSent: 6470,
      bytesSent: 4980051,
      headerBytesSent: 224130,
      framesEncoded: 2755,
      keyFramesEncoded: 12,
      framesSent: 2755,
      hugeFramesSent: 19,
      frameWidth: 640,
      frameHeight: 360,
      framesPerSecond: 23,
      totalEncodeTime: 3.822,
      targetBitrate: 560000,
      totalPacketSendDelay: 110.565,
      qualityLimitationReason: 'bandwidth',
      qualityLimitationDurations: { none: 72.685, cpu: 0, bandwidth: 17.307, other: 0 },
      qualityLimitationResolutionChanges: 8,
      nackCount: 0,
      pliCount: 11,
      firCount: 0,
      active: true,
      scalabilityMode: 'L1T3',
    },
    {
      type: 'remote-inbound-rtp',
      id: 'RIA2239846182',
      timestamp: T0 + 911.742,
      ssrc: 2239846182,
      kind: 'audio',
      transportId: 'T01',
      codecId: 'COT01_111_minptime=10;useinbandfec=1',
      localId: 'OT01A2239846182',
      packetsReceived: 4598,
      packetsLost: 13,
      jitter: 0.0031,
      fractionLost: 0.0039,
      roundTripTime: 0.048,
      totalRoundTripTime: 4.51,
      roundTripTimeMeasurements: 92,
    },
    {
      type: 'remote-inbound-rtp',
      id: 'RIV2007858786',
      timestamp: T0 + 911.742,
      ssrc: 2007858786,
      kind: 'video',
      transportId: 'T01',
      codecId: 'COT01_96',
      localId: 'OT01V2007858786',
      packetsLost: 41,
      jitter: 0.0044,
      fractionLost: 0,
      roundTripTime: 0.051,
      totalRoundTripTime: 24.285,
      roundTripTimeMeasurements: 176,
    },
    {
      type: 'inbound-rtp',
      id: 'IT01A1914853159',
      timestamp: T0 + 1000.291,
      ssrc: 1914853159,
      kind: 'audio',
      transportId: 'T01',
      codecId: 'CIT01_111_minptime=10;useinbandfec=1',
      mid: '2',
      trackIdentifier: 'e1a7c1f0-2b7d-4a8e-9f6b-3c2d1e0f9a8b',
      playoutId: 'AP',
      packetsReceived: 4402,
      packetsLost: 27,
      packetsDiscarded: 3,
      jitter: 0.0052,
      bytesReceived: 351204,
      headerBytesReceived: 105648,
      lastPacketReceivedTimestamp: T0 + 992.164,
      jitterBufferDelay: 261.07,
      jitterBufferTargetDelay: 263.3,
      jitterBufferMinimumDelay: 240.1,
      jitterBufferEmittedCount: 4225920,
      totalSamplesReceived: 4229760,
      concealedSamples: 20634,
      silentConcealedSamples: 9120,
      concealmentEvents: 31,
      insertedSamplesForDeceleration: 6021,
      removedSamplesForAcceleration: 3310,
      audioLevel: 0.0061,
      totalAudioEnergy: 0.8614,
      totalSamplesDuration: 88.12,
    },
    {
      type: 'inbound-rtp',
      id: 'IT01V3475661459',
      timestamp: T0 + 1000.291,
      ssrc: 3475661459,
      kind: 'video',
      transportId: 'T01',
      codecId: 'CIT01_96',
      mid: '3',
      trackIdentifier: '612d27f9-4c9c-45d9-b1e9-ed9fd57519ce',
      packetsReceived: 4343,
      packetsLost: 109,
      jitter: 0.007,
      bytesReceived: 3870635,
      headerBytesReceived: 87308,
      lastPacketReceivedTimestamp: T0 + 997.142,
      jitterBufferDelay: 272.7,
      jitterBufferEmittedCount: 1867,
      framesReceived: 1956,
      framesDecoded: 1867,
      keyFramesDecoded: 7,
      framesDropped: 85,
      frameWidth: 640,
      frameHeight: 360,
      framesPerSecond: 23,
      totalDecodeTime: 0.737,
      freezeCount: 18,
      totalFreezesDuration: 9.968,
      pauseCount: 0,
      totalPausesDuration: 0,
      nackCount: 20,
      pliCount: 0,
      firCount: 0,
      decoderImplementation: 'libvpx',
    },
    {
      type: 'media-playout',
      id: 'AP',
      timestamp: T0 + 1000.291,
      kind: 'audio',
      synthesizedSamplesDuration: 0.43,
      synthesizedSamplesEvents: 12,
      totalSamplesDuration: 88.12,
      totalPlayoutDelay: 7.93,
      totalSamplesCount: 4229760,
    },
    {
      type: 'candidate-pair',
      id: 'CPfJfiL0UU_pjplYfUx',
      timestamp: T0 + 1000.291,
      transportId: 'T01',
      localCandidateId: 'IfJfiL0UU',
      remoteCandidateId: 'IpjplYfUx',
      state: 'succeeded',
      nominated: true,
      packetsSent: 11081,
      packetsReceived: 8745,
      bytesSent: 5392928,
      bytesReceived: 4221839,
      lastPacketSentTimestamp: T0 + 996.135,
      lastPacketReceivedTimestamp: T0 + 997.146,
      currentRoundTripTime: 0.046,
      totalRoundTripTime: 2.139,
      responsesReceived: 46,
      requestsSent: 46,
      availableOutgoingBitrate: 757371,
    },
    {
      type: 'transport',
      id: 'T01',
      timestamp: T0 + 1000.291,
      packetsSent: 11081,
      packetsReceived: 8745,
      bytesSent: 5392928,
      bytesReceived: 4221839,
      iceRole: 'controlled',
      iceState: 'connected',
      dtlsState: 'connected',
      dtlsRole: 'client',
      selectedCandidatePairId: 'CPfJfiL0UU_pjplYfUx',
      selectedCandidatePairChanges: 1,
      tlsVersion: 'FEFD',
      dtlsCipher: 'TLS_ECDHE_ECDSA_WITH_AES_128_GCM_SHA256',
      srtpCipher: 'AEAD_AES_128_GCM',
    },
    {
      type: 'codec',
      id: 'CIT01_111_minptime=10;useinbandfec=1',
      timestamp: T0 + 1000.291,
      transportId: 'T01',
      payloadType: 111,
      mimeType: 'audio/opus',
      clockRate: 48000,
      channels: 2,
      sdpFmtpLine: 'minptime=10;useinbandfec=1',
    },
  ],
};

export const EXAMPLE_UTTERANCE_MESSAGE: UtteranceMessage = {
  kind: 'utterance',
  start: T0 - 4200,
  end: T0 - 1350,
};

/** One of each client event type, in the order docs/protocol.md lists them. */
export const EXAMPLE_CLIENT_EVENT_MESSAGES: readonly ClientEventMessage[] = [
  { kind: 'client-event', at: T0 + 12000, type: 'visibility', state: 'hidden' },
  { kind: 'client-event', at: T0 + 12000, type: 'focus', state: 'blurred' },
  { kind: 'client-event', at: T0 + 15000, type: 'mic', state: 'off' },
  { kind: 'client-event', at: T0 + 15000, type: 'camera', state: 'off' },
  { kind: 'client-event', at: T0 + 20000, type: 'device-change', device: 'audioinput' },
  { kind: 'client-event', at: T0 + 21000, type: 'device-change', device: 'videoinput', platform: 'mobile' },
  { kind: 'client-event', at: T0 + 30000, type: 'ice-state', state: 'disconnected', peerConnectionId: 'pc-0' },
  { kind: 'client-event', at: T0 + 30050, type: 'connection-state', state: 'disconnected', peerConnectionId: 'pc-0' },
  { kind: 'client-event', at: T0 + 40000, type: 'privacy-pause', state: 'on' },
  { kind: 'client-event', at: T0 - 55000, type: 'voice-detection', state: 'started' },
  { kind: 'client-event', at: T0 - 60000, type: 'consent', state: 'granted', scopes: ['storage', 'research'] },
  {
    kind: 'client-event',
    at: T0 + 95000,
    type: 'collector-gap',
    droppedMessages: 42,
    from: T0 + 50000,
    to: T0 + 91000,
  },
];

export const EXAMPLE_FACILITATOR_EVENT_MESSAGE: FacilitatorEventMessage = {
  kind: 'facilitator-event',
  at: T0 + 45000,
  code: 'responded-to-peer',
  participantId: EXAMPLE_IDS.memberId,
};

/** Accepted only when the server enables notes (`allowFacilitatorNotes: true`). */
export const EXAMPLE_FACILITATOR_EVENT_WITH_NOTE: FacilitatorEventMessage = {
  kind: 'facilitator-event',
  at: T0 + 50000,
  code: 'technical-issue',
  note: 'Audio dropped for the whole group for about a minute.',
};

export const EXAMPLE_JOIN_MESSAGE: JoinMessage = {
  kind: 'join',
  at: T0 - 90000,
  client: { platform: 'desktop', collectorVersion: '1.0.0' },
};

export const EXAMPLE_LEAVE_MESSAGE: LeaveMessage = {
  kind: 'leave',
  at: T0 + 3600000,
  reason: 'hangup',
};

/** A member's envelope of events, in the order they happened (stats travel alone, see below). */
export const EXAMPLE_ENVELOPE: Envelope = {
  v: 1,
  sessionId: EXAMPLE_IDS.sessionId,
  participantId: EXAMPLE_IDS.memberId,
  seq: 42,
  sentAt: T0 + 15020,
  messages: [
    EXAMPLE_JOIN_MESSAGE,
    EXAMPLE_UTTERANCE_MESSAGE,
    EXAMPLE_CLIENT_EVENT_MESSAGES[0],
    EXAMPLE_CLIENT_EVENT_MESSAGES[2],
  ],
};

/** The typical hot-path envelope: one stats report (what a collector sends every second). */
export const EXAMPLE_STATS_ENVELOPE: Envelope = {
  v: 1,
  sessionId: EXAMPLE_IDS.sessionId,
  participantId: EXAMPLE_IDS.memberId,
  seq: 43,
  sentAt: T0 + 1004,
  messages: [EXAMPLE_STATS_MESSAGE],
};

/**
 * The same member's next report as the collector sends it: only what changed since the report
 * of seq 43, which the server acknowledged. Objects not listed are unchanged but for their
 * timestamp, which becomes the message's.
 */
export const EXAMPLE_STATS_DELTA_MESSAGE: StatsDeltaMessage = {
  kind: 'stats',
  timestamp: T0 + 2000.291,
  peerConnectionId: 'pc-0',
  deltaOf: 43,
  stats: [
    {
      id: 'IT01A1914853159',
      packetsReceived: 4452,
      bytesReceived: 355204,
      headerBytesReceived: 106848,
      jitter: 0.0049,
      lastPacketReceivedTimestamp: T0 + 1992.5,
      totalAudioEnergy: 0.8617,
      totalSamplesDuration: 89.12,
    },
    { id: 'SA1', audioLevel: 0.0183, totalAudioEnergy: 1.9902, totalSamplesDuration: 93.41 },
  ],
};

/** Facilitator events come from the facilitator's own device, under their participantId. */
export const EXAMPLE_FACILITATOR_ENVELOPE: Envelope = {
  v: 1,
  sessionId: EXAMPLE_IDS.sessionId,
  participantId: EXAMPLE_IDS.facilitatorId,
  seq: 7,
  sentAt: T0 + 45100,
  messages: [EXAMPLE_FACILITATOR_EVENT_MESSAGE],
};

/** Two of its three messages are invalid: docs/protocol.md shows the ack it earns. */
export const EXAMPLE_ENVELOPE_WITH_INVALID_MESSAGES = {
  v: 1,
  sessionId: EXAMPLE_IDS.sessionId,
  participantId: EXAMPLE_IDS.memberId,
  seq: 44,
  sentAt: T0 + 2004,
  messages: [
    EXAMPLE_UTTERANCE_MESSAGE,
    { kind: 'utterance', start: T0 + 1500, end: T0 + 900 },
    {
      kind: 'stats',
      timestamp: T0 + 2000,
      stats: [{ type: 'inbound-rtp', id: 'IT01A1914853159', timestamp: T0 + 2000.3, packetsLost: '27' }],
    },
  ],
} as const;
