import { from, lastValueFrom, toArray } from 'rxjs';
import { normalizeStats } from '../normalize/normalize-stats.operator';
import type { StatsReport } from '../normalize/rtc-stats';
import { readJitsiResults, readRtcstatsDump, type JitsiPeerConnectionResult } from '../normalize/testing/rtcstats-dump';
import {
  intervalInput,
  isIceConnectionState,
  isPeerConnectionState,
  type ConnectivityInput,
} from './connectivity-input';
import { summarizeTally, type ConnectivityMetrics } from './metrics';
import { connectivitySession, type ConnectivitySessionSummary } from './session-summary';
import { addIntervalToTally, EMPTY_TALLY, type ConnectivityTally } from './tally';
import { DEFAULT_CONNECTIVITY_THRESHOLDS, type ConnectivityThresholds } from './thresholds';
import { connectivityWindows } from './windows';

/*
 * Cross-check against what jitsi's rtcstats-server feature extractor computed for the same dumps
 * (fixtures/rtcstats-dumps/results). Its definitions differ from ours in known ways, documented in
 * docs/metrics.md; the tolerances below are those differences, not fudge:
 * - loss: jitsi = lost / received from the final cumulative counters, rounded to 0.01 %; ours =
 *   Σlost / Σ(lost + received) over interval deltas, which start at each stream's first report.
 * - RTT: jitsi = mean of the selected pair's currentRoundTripTime samples, zeros dropped, rounded
 *   to 0.01 s (so ±5 ms, and a LAN call reads 0); Firefox has no ICE RTT, jitsi then uses RTCP.
 */

interface PeerConnectionFigures {
  readonly tally: ConnectivityTally;
  readonly metrics: ConnectivityMetrics;
}

async function figuresPerPeerConnection(dump: string): Promise<Map<string, PeerConnectionFigures>> {
  const reports = readRtcstatsDump(dump).reports;
  const byPeerConnection = new Map<string, StatsReport[]>();
  for (const report of reports) {
    const id = report.peerConnectionId ?? '';
    byPeerConnection.set(id, [...(byPeerConnection.get(id) ?? []), report]);
  }
  const figures = new Map<string, PeerConnectionFigures>();
  for (const [id, ofPeerConnection] of byPeerConnection) {
    const intervals = await lastValueFrom(from(ofPeerConnection).pipe(normalizeStats(), toArray()));
    const tally = intervals.reduce(addIntervalToTally, EMPTY_TALLY);
    figures.set(id, { tally, metrics: summarizeTally(tally) });
  }
  return figures;
}

describe('connectivity on real dumps, compared with jitsi rtcstats-server', () => {
  interface ComparisonCase {
    readonly dump: string;
    readonly results: string;
    readonly pc: string;
    readonly inboundLoss: boolean;
    readonly outboundLoss: boolean;
    readonly rtt: 'ice' | 'rtcp';
    readonly rttMs: number;
  }

  it.each<ComparisonCase>([
    {
      dump: 'google-standard-stats-p2p',
      results: 'google-standard-stats-p2p-result.json',
      pc: 'PC_1',
      inboundLoss: true,
      outboundLoss: true,
      rtt: 'ice',
      rttMs: 52.5,
    },
    {
      dump: 'google-standard-stats-p2p',
      results: 'google-standard-stats-p2p-result.json',
      pc: 'PC_0',
      inboundLoss: true,
      outboundLoss: true,
      rtt: 'ice',
      rttMs: 0.4,
    },
    {
      dump: 'google-standard-stats-sfu',
      results: 'google-standard-stats-sfu-result.json',
      pc: 'PC_0',
      inboundLoss: true,
      outboundLoss: true,
      rtt: 'ice',
      rttMs: 48.7,
    },
    {
      dump: 'chrome-standard-multiple-p2p',
      results: 'chrome-standard-multiple-p2p.json',
      pc: 'PC_3',
      inboundLoss: true,
      outboundLoss: true,
      rtt: 'ice',
      rttMs: 186,
    },
    {
      dump: 'safari-standard-stats',
      results: 'safari-standard-stats-result.json',
      pc: 'PC_0',
      inboundLoss: true,
      outboundLoss: false,
      rtt: 'ice',
      rttMs: 53.4,
    },
    {
      dump: 'firefox-standard-stats-sfu',
      results: 'firefox-standard-stats-sfu-result.json',
      pc: 'PC_0',
      inboundLoss: false,
      outboundLoss: false,
      rtt: 'rtcp',
      rttMs: 53.4,
    },
  ])(
    '$dump $pc: loss and RTT land near jitsi',
    async ({ dump, results, pc, inboundLoss, outboundLoss, rtt, rttMs }) => {
      const ours = (await figuresPerPeerConnection(dump)).get(pc);
      const jitsi = readJitsiResults(results).get(pc) as JitsiPeerConnectionResult;
      expect(ours).toBeDefined();
      const { metrics, tally } = ours as PeerConnectionFigures;

      // RTT: within jitsi's rounding (±5 ms) plus sampling differences.
      const ourRtt = rtt === 'ice' ? metrics.iceRttMs : metrics.rtcpRttMs;
      expect(ourRtt).toBeCloseTo(rttMs, 0);
      expect(Math.abs((ourRtt ?? 0) - jitsi.meanRttSeconds * 1000)).toBeLessThanOrEqual(10);

      if (inboundLoss) {
        expect(Math.abs((metrics.packetLossPct ?? 0) - jitsi.receivedPacketsLostPct)).toBeLessThanOrEqual(0.05);
        expect(tally.inboundPackets.lost).toBe(jitsi.totalReceivedPacketsLost);
        // We miss only what arrived before each stream's first report.
        expect(tally.inboundPackets.received / jitsi.totalPacketsReceived).toBeGreaterThan(0.95);
      }
      if (outboundLoss) {
        expect(Math.abs((metrics.outboundPacketLossPct ?? 0) - jitsi.sentPacketsLostPct)).toBeLessThanOrEqual(0.05);
        expect(tally.outboundPackets.lost).toBe(jitsi.totalSentPacketsLost);
      }
    },
  );

  it('Firefox: jitsi counts remote-inbound-rtp (our own media, as the SFU received it) as received packets; we do not', async () => {
    const { tally } = (await figuresPerPeerConnection('firefox-standard-stats-sfu')).get(
      'PC_0',
    ) as PeerConnectionFigures;
    const jitsi = readJitsiResults('firefox-standard-stats-sfu-result.json').get('PC_0') as JitsiPeerConnectionResult;
    expect(tally.inboundPackets.lost).toBe(jitsi.totalReceivedPacketsLost);
    // Their total minus our inbound is what the SFU reported receiving from us (±first-report counts).
    const difference = jitsi.totalPacketsReceived - tally.inboundPackets.received;
    expect(Math.abs(difference - (tally.outboundPackets.received + tally.outboundPackets.lost))).toBeLessThan(200);
  });

  it('Safari: remote-inbound-rtp carries no packetsLost, so outbound loss is unknown (jitsi reports 0 %)', async () => {
    const { metrics } = (await figuresPerPeerConnection('safari-standard-stats')).get('PC_0') as PeerConnectionFigures;
    expect(metrics.outboundPacketLossPct).toBeUndefined();
  });
});

/** A dump as one participant's input stream: intervals of every peer connection and state events, in event time. */
async function inputsOf(dump: string): Promise<ConnectivityInput[]> {
  const { reports, stateEvents } = readRtcstatsDump(dump);
  const intervals = await lastValueFrom(from(reports).pipe(normalizeStats(), toArray()));
  const events = stateEvents.flatMap(({ kind, at, peerConnectionId, state }): ConnectivityInput[] => {
    if (kind === 'ice' && isIceConnectionState(state)) return [{ type: 'ice-state', at, peerConnectionId, state }];
    if (kind === 'connection' && isPeerConnectionState(state))
      return [{ type: 'connection-state', at, peerConnectionId, state }];
    return [];
  });
  return [...intervals.map(intervalInput), ...events].sort((a, b) => a.at - b.at);
}

async function sessionOf(dump: string, thresholds: ConnectivityThresholds): Promise<ConnectivitySessionSummary> {
  const inputs = await inputsOf(dump);
  return lastValueFrom(from(inputs).pipe(connectivityWindows(thresholds), connectivitySession()));
}

/** These dumps were polled every 10 s: the "no report" timeouts must be scaled to the polling period. */
const TEN_SECOND_POLLING: ConnectivityThresholds = {
  ...DEFAULT_CONNECTIVITY_THRESHOLDS,
  reconnectingAfterNoReportSeconds: 25,
  disconnectedAfterNoReportSeconds: 35,
};

describe('the whole connectivity pipeline on real dumps (offline: time advances with the data)', () => {
  it('a Chrome P2P call: the P2P connection closing while the SFU one carries on is no drop', async () => {
    const summary = await sessionOf('google-standard-stats-p2p', DEFAULT_CONNECTIVITY_THRESHOLDS);
    expect(summary).toMatchObject({ drops: 0, rejoins: 0, reconnects: 0, failed: false, lastState: 'connected' });
    expect(summary.connectedSeconds).toBeGreaterThan(90);
    expect(summary.mos).toBeGreaterThan(4);
  });

  it('Jitsi with failing P2P attempts: `failed` is recorded, but the SFU connection kept the member connected', async () => {
    const summary = await sessionOf('chrome-standard-multiple-p2p', TEN_SECOND_POLLING);
    expect(summary).toMatchObject({ drops: 0, failed: true, iceFailures: 4, lastState: 'connected' });
    expect(summary.minutesLost).toBe(0);
    expect(summary.meanRttMs).toBeGreaterThan(50);
  });

  it.each(['google-standard-stats-sfu', 'firefox-standard-stats-sfu', 'safari-standard-stats'])(
    '%s: a clean call stays connected with a good MOS',
    async (dump) => {
      const summary = await sessionOf(dump, DEFAULT_CONNECTIVITY_THRESHOLDS);
      expect(summary).toMatchObject({ drops: 0, reconnects: 0, failed: false, minutesLost: 0 });
      expect(summary.mos).toBeGreaterThan(4);
      expect(summary.meanRttMs).toBeGreaterThan(40);
      expect(summary.meanRttMs).toBeLessThan(70);
    },
  );
});
