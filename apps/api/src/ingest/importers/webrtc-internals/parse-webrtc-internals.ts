import { parseEnvelopeJson, type Message } from '@attune/protocol';
import type { ImportedParticipant } from '../recording-types';
import { fileNameWithoutExtension } from '../shared/file-names';
import { ProblemLog } from '../shared/import-problems';
import { isJsonObject, type JsonObject } from '../shared/json-values';
import { ParticipantMessages } from '../shared/participant-messages';
import { PeerConnectionLifecycle } from '../shared/peer-connection-lifecycle';
import { stateEventFrom } from '../shared/state-events';
import { withoutByteOrderMark } from '../shared/text-lines';
import { validateImportedMessage } from '../shared/validate-imported-message';
import { readInternalsSeries, type InternalsSeries } from './internals-series';
import { rebuildReports } from './rebuild-reports';
import { SourceLines } from './source-lines';
import { readUpdate } from './update-log';

const LINE_IN_REASON = /\(line (\d+), column \d+\)/;

/**
 * A Chrome webrtc-internals export ("Create a dump"): one JSON document
 * `{ getUserMedia: […], PeerConnections: { "<pid>-<lid>": { stats: {…}, updateLog: […], … } }, UserAgent }`.
 * Stats become one report per poll, state changes come from each connection's updateLog.
 * getUserMedia (device labels, constraints), the user agent, URLs and the RTC configuration
 * (TURN servers) are never read. The file is one document, so it is parsed whole.
 */
export function parseWebrtcInternals(text: string, fileName: string): ImportedParticipant {
  return new WebrtcInternalsImport(text, fileName).run();
}

class WebrtcInternalsImport {
  private readonly problems: ProblemLog;
  private readonly messages = new ParticipantMessages();
  private readonly lifecycle = new PeerConnectionLifecycle();
  private readonly lines: SourceLines;
  private localTimes = false;

  constructor(
    private readonly text: string,
    private readonly fileName: string,
  ) {
    this.problems = new ProblemLog(fileName);
    this.lines = new SourceLines(text);
  }

  run(): ImportedParticipant {
    const parsed = parseEnvelopeJson(withoutByteOrderMark(this.text));
    if (!parsed.ok) {
      this.problems.add(Number(LINE_IN_REASON.exec(parsed.issue.reason)?.[1] ?? 1), parsed.issue.reason);
    } else if (!isJsonObject(parsed.value) || !isJsonObject(parsed.value.PeerConnections)) {
      this.problems.add(1, 'no PeerConnections object: not a webrtc-internals export');
    } else {
      const sectionOffset = this.lines.findKey('PeerConnections').offset;
      for (const [peerConnectionId, record] of Object.entries(parsed.value.PeerConnections)) {
        this.readPeerConnection(peerConnectionId, record, sectionOffset);
      }
    }
    if (this.localTimes) {
      this.problems.add(0, 'update times are local-time strings without a time zone; read in this machine’s zone');
    }
    return {
      id: fileNameWithoutExtension(this.fileName),
      sourceFile: this.fileName,
      format: 'webrtc-internals',
      messages: this.messages.finish(this.lifecycle),
      problems: this.problems.list(),
    };
  }

  private readPeerConnection(peerConnectionId: string, record: unknown, sectionOffset: number): void {
    const { line, offset } = this.lines.findKey(peerConnectionId, sectionOffset);
    if (!isJsonObject(record)) return this.problems.add(line, 'peer connection entry is not an object');
    this.lifecycle.seen(peerConnectionId);
    this.readStats(peerConnectionId, record, offset);
    this.readUpdateLog(peerConnectionId, record, offset);
  }

  private readStats(peerConnectionId: string, record: JsonObject, recordOffset: number): void {
    if (record.stats === undefined) return;
    const statsLine = this.lines.findKey('stats', recordOffset).line;
    if (!isJsonObject(record.stats)) return this.problems.add(statsLine, 'stats is not an object');
    const series: InternalsSeries[] = [];
    for (const [key, entry] of Object.entries(record.stats)) {
      const reading = readInternalsSeries(key, entry);
      if ('series' in reading) series.push(reading.series);
      else if ('reason' in reading) this.problems.add(this.lines.findKey(key, recordOffset).line, reading.reason);
    }
    const { reports, untypedIds } = rebuildReports(series);
    for (const statsId of untypedIds) {
      const line = this.lines.findKeyStartingWith(`${statsId}-`, recordOffset).line;
      this.problems.add(line, 'stats object without statsType; skipped');
    }
    for (const report of reports) {
      this.messages.noteActivityAt(report.timestamp);
      const candidate = { kind: 'stats', timestamp: report.timestamp, peerConnectionId, stats: report.objects };
      this.accept(candidate, statsLine);
    }
  }

  private readUpdateLog(peerConnectionId: string, record: JsonObject, recordOffset: number): void {
    if (record.updateLog === undefined) return;
    const logLine = this.lines.findKey('updateLog', recordOffset).line;
    if (!Array.isArray(record.updateLog)) return this.problems.add(logLine, 'updateLog is not an array');
    record.updateLog.forEach((entry: unknown, index) => {
      const reading = readUpdate(entry);
      if ('reason' in reading) return this.problems.add(logLine, `updateLog entry ${index}: ${reading.reason}`);
      const { at, kind, value, timeIsLocal } = reading.update;
      this.localTimes ||= timeIsLocal;
      this.messages.noteActivityAt(at);
      if (kind === 'other') return;
      if (kind === 'close') return this.close(peerConnectionId, at, logLine);
      const result = stateEventFrom(kind, value, at, peerConnectionId);
      if ('reason' in result) return this.problems.add(logLine, `updateLog entry ${index}: ${result.reason}`);
      const message = this.accept(result.event, logLine);
      if (message) this.lifecycle.stateChanged(result.event, message);
    });
  }

  /** As in rtcstats dumps: the app closed the connection, which no state event reports. */
  private close(peerConnectionId: string, at: number, line: number): void {
    const closed = stateEventFrom('connection-state', 'closed', at, peerConnectionId);
    const message = 'event' in closed ? this.accept(closed.event, line) : undefined;
    this.lifecycle.close(peerConnectionId, at, message);
  }

  private accept(candidate: object, line: number): Message | undefined {
    const { message, problem } = validateImportedMessage(candidate);
    if (problem !== undefined) this.problems.add(line, problem);
    if (message) this.messages.add(message);
    return message;
  }
}
