// What the browser collector costs: bundle size, bytes per member per minute on the wire, and the
// CPU of one poll's filter + delta encoding. Stats are real Chrome getStats() reports from recorded
// calls (../shared/fixtures/rtcstats-dumps), replayed at their own 1 s cadence.
// Prints figures; asserts nothing. Run: npm run bench:collector (build the bundle first:
// npm run build:collector). CPU in a real page is measured by the browser test.
import { existsSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { performance } from 'node:perf_hooks';
import { deflateRawSync, gzipSync } from 'node:zlib';
import { filterStats } from '../libs/collector/src/stats/stats-filter';
import { encodeStatsDelta, type StatsObject } from '../libs/protocol/src/delta/stats-delta';
import { readRtcstatsDump } from '../libs/metrics/src/normalize/testing/rtcstats-dump';

const BUNDLE = path.resolve(__dirname, '../dist/collector/collector.js');
/** A realistic envelope header (uuids, a time-derived seq) around each second's messages. */
const ENVELOPE_HEADER = JSON.stringify({
  v: 1,
  sessionId: '1b4e28ba-2fa1-11d2-883f-0016d3cca427',
  participantId: '6fa459ea-ee8a-3ca4-894e-db77e160355e',
  seq: 1_764_000_000_000,
  sentAt: 1_764_000_000_000,
  messages: [],
});

const DUMPS = [
  { name: 'google-standard-stats-p2p', what: 'Chrome, 1:1 peer-to-peer' },
  { name: 'google-standard-stats-sfu', what: 'Chrome, SFU call' },
  { name: 'chrome-standard-multiple-p2p', what: 'Chrome, mesh of several peer connections' },
];

function printBundleSize(): void {
  if (!existsSync(BUNDLE)) {
    console.log('bundle: dist/collector/collector.js is missing; run `npm run build:collector` first');
    return;
  }
  const code = readFileSync(BUNDLE);
  console.log(
    `bundle: ${kib(code.length)} raw, ${kib(gzipSync(code, { level: 9 }).length)} gzip (${BUNDLE.replace(/.*\/dist\//, 'dist/')})`,
  );
}

interface WireFigures {
  label: string;
  /** JSON text per report (one stats message), envelope header included. */
  bytes: number[];
  /** Each message deflated on its own (permessage-deflate without context takeover, or HTTP gzip). */
  deflatedAlone: number[];
  /** Deflated as one stream (permessage-deflate with context takeover: what a WebSocket can reach). */
  deflatedStream: number;
}

/** Bytes per minute of one peer connection's reports in three encodings. */
function measureWire(reports: { timestamp: number; stats: StatsObject[] }[]): WireFigures[] {
  const encodings: { label: string; encode: (index: number) => unknown }[] = [
    { label: 'unfiltered, full', encode: (index) => fullMessage(reports[index].timestamp, reports[index].stats) },
    {
      label: 'filtered, full',
      encode: (index) => fullMessage(reports[index].timestamp, filterStats(reports[index].stats)),
    },
    {
      label: 'filtered, delta',
      encode: (index) => {
        const current = filterStats(reports[index].stats);
        if (index === 0) return fullMessage(reports[index].timestamp, current);
        // The baseline is the previous report: with 1 s polls its ack arrives long before the next poll.
        const delta = encodeStatsDelta(filterStats(reports[index - 1].stats), current, reports[index].timestamp);
        return {
          kind: 'stats',
          timestamp: reports[index].timestamp,
          peerConnectionId: 'pc-1',
          deltaOf: 1_764_000_000_000,
          ...delta,
        };
      },
    },
  ];
  return encodings.map(({ label, encode }) => {
    const texts = reports.map((_, index) =>
      ENVELOPE_HEADER.replace('"messages":[]', `"messages":[${JSON.stringify(encode(index))}]`),
    );
    return {
      label,
      bytes: texts.map((text) => Buffer.byteLength(text)),
      deflatedAlone: texts.map((text) => deflateRawSync(text).length),
      deflatedStream: deflateRawSync(texts.join('')).length,
    };
  });
}

function fullMessage(timestamp: number, stats: StatsObject[]) {
  return { kind: 'stats', timestamp, peerConnectionId: 'pc-1', stats };
}

/** µs per poll for filterStats + encodeStatsDelta + JSON.stringify, the collector's per-poll work. */
function measureCpu(reports: { timestamp: number; stats: StatsObject[] }[]): { perPollUs: number; filterUs: number } {
  const rounds = 200;
  let filterNs = 0;
  const start = performance.now();
  for (let round = 0; round < rounds; round++) {
    let baseline: StatsObject[] = [];
    for (const report of reports) {
      const filterStart = performance.now();
      const current = filterStats(report.stats);
      filterNs += (performance.now() - filterStart) * 1e6;
      JSON.stringify(encodeStatsDelta(baseline, current, report.timestamp));
      baseline = current;
    }
  }
  const polls = rounds * reports.length;
  return { perPollUs: ((performance.now() - start) * 1000) / polls, filterUs: filterNs / 1000 / polls };
}

function main(): void {
  printBundleSize();
  for (const { name, what } of DUMPS) {
    const dump = readRtcstatsDump(name);
    const peerConnections = [...new Set(dump.reports.map((report) => report.peerConnectionId))];
    // The busiest peer connection; a member with several sends that much per connection.
    const byPeerConnection = peerConnections.map((id) =>
      dump.reports.filter((report) => report.peerConnectionId === id),
    );
    const reports = byPeerConnection
      .sort((a, b) => b.length - a.length)[0]
      .map((report) => ({
        timestamp: report.timestamp,
        stats: report.stats as StatsObject[],
      }));
    const seconds = (reports[reports.length - 1].timestamp - reports[0].timestamp) / 1000;
    const interval = seconds / (reports.length - 1);
    console.log(
      `\n${name} (${what}): ${reports.length} reports of one peer connection, one per ${interval.toFixed(2)} s`,
    );
    console.log(
      `  objects per report: ${mean(reports.map((report) => report.stats.length)).toFixed(0)} all, ${mean(reports.map((report) => filterStats(report.stats).length)).toFixed(0)} sent`,
    );
    console.log('  per member per minute at 1 poll/s (envelope header included):');
    for (const figures of measureWire(reports)) {
      const perMinute = (values: number[]) => mean(values) * 60;
      const streamPerMinute = (figures.deflatedStream / reports.length) * 60;
      console.log(
        `    ${figures.label.padEnd(17)} ${kib(perMinute(figures.bytes)).padStart(10)} JSON` +
          `  ${kib(perMinute(figures.deflatedAlone)).padStart(10)} deflate per message` +
          `  ${kib(streamPerMinute).padStart(10)} deflate as a stream`,
      );
    }
    const cpu = measureCpu(reports);
    console.log(
      `  CPU per poll in Node (filter + delta + JSON): ${cpu.perPollUs.toFixed(1)} µs (filter alone ${cpu.filterUs.toFixed(1)} µs)`,
    );
  }
}

function mean(values: number[]): number {
  return values.reduce((sum, value) => sum + value, 0) / values.length;
}

function kib(bytes: number): string {
  return `${(bytes / 1024).toFixed(1)} KiB`;
}

main();
