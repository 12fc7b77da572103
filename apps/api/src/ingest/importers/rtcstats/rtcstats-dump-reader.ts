import { parseEnvelopeJson, type Message } from '@attune/protocol';
import type { ImportedParticipant } from '../recording-types';
import { fileNameWithoutExtension } from '../shared/file-names';
import { ProblemLog } from '../shared/import-problems';
import { isEpochMs, isJsonObject } from '../shared/json-values';
import { ParticipantMessages } from '../shared/participant-messages';
import { PeerConnectionLifecycle } from '../shared/peer-connection-lifecycle';
import { stateEventFrom, type StateEventType } from '../shared/state-events';
import { withoutByteOrderMark } from '../shared/text-lines';
import { validateImportedMessage } from '../shared/validate-imported-message';
import { RtcstatsIdentity } from './rtcstats-identity';
import { StatsDeltaResolver } from './stats-delta-resolver';

/** One dump line: `[method, peerConnectionId | null, value, timestampMs]`. */
interface DumpEntry {
  method: string;
  peerConnectionId?: string;
  value: unknown;
  at?: number;
}

/**
 * Written by the rtcstats server when the client connects, so its timestamp says nothing about
 * the member (in the shared fixtures it is even years off); its user agent must never be copied.
 */
const CONNECTION_INFO = 'connectioninfo';

/**
 * Reads an rtcstats dump (format 3) line by line, so a large dump never has to be in memory as a
 * whole, and turns it into the protocol messages a live collector would have sent.
 */
export class RtcstatsDumpReader {
  private readonly problems: ProblemLog;
  private readonly messages = new ParticipantMessages();
  private readonly lifecycle = new PeerConnectionLifecycle();
  private readonly identity = new RtcstatsIdentity();
  private readonly resolvers = new Map<string, StatsDeltaResolver>();

  constructor(private readonly fileName: string) {
    this.problems = new ProblemLog(fileName);
  }

  readLine(text: string, lineNumber: number): void {
    const line = lineNumber === 1 ? withoutByteOrderMark(text) : text;
    if (line.trim() === '') return;
    const entry = this.parseEntry(line, lineNumber);
    if (!entry) return;
    const method = entry.method.toLowerCase();
    if (method !== CONNECTION_INFO && entry.at !== undefined) this.messages.noteActivityAt(entry.at);
    if (entry.peerConnectionId !== undefined && method !== 'close') this.lifecycle.seen(entry.peerConnectionId);

    switch (method.startsWith('on') ? method.slice(2) : method) {
      case 'identity':
        return this.identity.read(entry.value);
      case 'getstats':
        return this.readStats(entry, lineNumber);
      case 'iceconnectionstatechange':
        return this.readStateChange('ice-state', entry, lineNumber);
      case 'connectionstatechange':
        return this.readStateChange('connection-state', entry, lineNumber);
      case 'close':
        return this.readClose(entry, lineNumber);
      default:
        // API calls, SDP, candidates, getUserMedia, app events: nothing the protocol carries.
        return;
    }
  }

  finish(): ImportedParticipant {
    return {
      id: this.identity.participantId(fileNameWithoutExtension(this.fileName)),
      sourceFile: this.fileName,
      format: 'rtcstats',
      messages: this.messages.finish(this.lifecycle),
      problems: this.problems.list(),
    };
  }

  private parseEntry(line: string, lineNumber: number): DumpEntry | undefined {
    const parsed = parseEnvelopeJson(line);
    if (!parsed.ok) {
      this.problems.add(lineNumber, parsed.issue.reason);
      return undefined;
    }
    const [method, peerConnectionId, value, at] = Array.isArray(parsed.value) ? (parsed.value as unknown[]) : [];
    if (typeof method !== 'string') {
      this.problems.add(lineNumber, 'not a dump entry: expected [method, peerConnectionId, value, timestamp]');
      return undefined;
    }
    return {
      method,
      peerConnectionId: typeof peerConnectionId === 'string' && peerConnectionId !== '' ? peerConnectionId : undefined,
      value,
      at: isEpochMs(at) ? at : undefined,
    };
  }

  private readStats(entry: DumpEntry, lineNumber: number): void {
    const { peerConnectionId, value } = entry;
    if (peerConnectionId === undefined) return this.problems.add(lineNumber, 'getstats without a peer connection id');
    if (!isJsonObject(value)) return this.problems.add(lineNumber, 'getstats value is not a stats report object');
    const timestamp = isEpochMs(value.timestamp) ? value.timestamp : entry.at;
    if (timestamp === undefined) return this.problems.add(lineNumber, 'getstats without a report or line timestamp');

    const resolver = this.resolvers.get(peerConnectionId) ?? new StatsDeltaResolver();
    this.resolvers.set(peerConnectionId, resolver);
    const { objects, malformedIds } = resolver.resolve(value, timestamp);
    if (malformedIds.length > 0) {
      this.problems.add(lineNumber, `${malformedIds.length} report entries are not stats objects; skipped`);
    }
    if (objects.length === 0) return this.problems.add(lineNumber, 'getstats report without stats objects');
    this.accept({ kind: 'stats', timestamp, peerConnectionId, stats: objects }, lineNumber);
  }

  private readStateChange(type: StateEventType, entry: DumpEntry, lineNumber: number): void {
    if (entry.at === undefined) return this.problems.add(lineNumber, `${type} change without a valid timestamp`);
    const result = stateEventFrom(type, entry.value, entry.at, entry.peerConnectionId);
    if ('reason' in result) return this.problems.add(lineNumber, result.reason);
    const message = this.accept(result.event, lineNumber);
    if (message) this.lifecycle.stateChanged(result.event, message);
  }

  /**
   * `pc.close()` fires no state event in browsers, but the pipeline must learn that the connection
   * is gone (a closed P2P connection must not keep a member "up"), so it becomes connection-state closed.
   */
  private readClose(entry: DumpEntry, lineNumber: number): void {
    // rtcstats also logs closes of connections it never got an id for; they carried nobody.
    if (entry.peerConnectionId === undefined) return;
    if (entry.at === undefined) return this.problems.add(lineNumber, 'close without a valid timestamp');
    const closed = stateEventFrom('connection-state', 'closed', entry.at, entry.peerConnectionId);
    const message = 'event' in closed ? this.accept(closed.event, lineNumber) : undefined;
    this.lifecycle.close(entry.peerConnectionId, entry.at, message);
  }

  private accept(candidate: object, lineNumber: number): Message | undefined {
    const { message, problem } = validateImportedMessage(candidate);
    if (problem !== undefined) this.problems.add(lineNumber, problem);
    if (message) this.messages.add(message);
    return message;
  }
}
