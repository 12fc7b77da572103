/** Builders for protocol envelopes in tests, with a realistic Chrome stats report. */
export function envelope(
  participant: { sessionId: string; participantId: string },
  seq: number,
  messages: unknown[],
): Record<string, unknown> {
  return {
    v: 1,
    sessionId: participant.sessionId,
    participantId: participant.participantId,
    seq,
    sentAt: Date.now(),
    messages,
  };
}

export function statsMessage(timestamp: number, packetsReceived = 500, packetsLost = 2): Record<string, unknown> {
  return {
    kind: 'stats',
    timestamp,
    peerConnectionId: 'pc-1',
    stats: [
      { id: 'T01', type: 'transport', timestamp, selectedCandidatePairId: 'CPa', dtlsState: 'connected' },
      {
        id: 'CPa',
        type: 'candidate-pair',
        timestamp,
        state: 'succeeded',
        nominated: true,
        currentRoundTripTime: 0.042,
      },
      {
        id: 'IT01A',
        type: 'inbound-rtp',
        timestamp,
        kind: 'audio',
        ssrc: 1234,
        packetsReceived,
        packetsLost,
        jitter: 0.012,
        bytesReceived: packetsReceived * 120,
      },
      {
        id: 'RIA',
        type: 'remote-inbound-rtp',
        timestamp,
        kind: 'audio',
        ssrc: 99,
        roundTripTime: 0.051,
        packetsLost: 1,
      },
      {
        id: 'SA',
        type: 'media-source',
        timestamp,
        kind: 'audio',
        audioLevel: 0.1,
        totalAudioEnergy: 1.25,
        totalSamplesDuration: 12.5,
      },
      { id: 'XX', type: 'some-future-type', timestamp, newField: 'kept' },
      // A real local candidate names the member's network; it must never be stored.
      {
        id: 'Ic1',
        type: 'local-candidate',
        timestamp,
        candidateType: 'host',
        address: '192.0.2.10',
        port: 50123,
        protocol: 'udp',
      },
    ],
  };
}
