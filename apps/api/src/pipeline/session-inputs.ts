import type { IngestedEnvelope } from '../ingest/ingest-bus';
import type { StoredRawRow } from '../storage/repositories';
import type { SessionInput, SessionMessage } from './analyzer';
import type { MessagesCommand } from './session-commands';

export type SessionRole = SessionInput['role'];

/** An envelope ingest accepted, as the analyzer takes it: the protocol's messages are the contract's. */
export function envelopeCommand(envelope: IngestedEnvelope, role: SessionRole): MessagesCommand {
  const { sessionId, participantId, seq } = envelope.header;
  return {
    kind: 'messages',
    sessionId,
    participantId,
    seq,
    inputs: envelope.messages.map((message) => ({ participantId, role, message })),
  };
}

/**
 * A stored raw row turned back into the message ingest accepted (see ingest's message-rows.ts,
 * which this inverts). Undefined for rows that are no participant's message (system events).
 */
export function storedRowCommand(
  sessionId: string,
  row: StoredRawRow,
  roleOf: (participantId: string) => SessionRole,
): MessagesCommand | undefined {
  const sent = storedMessage(row);
  if (!sent) return undefined;
  return {
    kind: 'messages',
    sessionId,
    participantId: sent.from,
    seq: row.seq ?? undefined,
    inputs: [{ participantId: sent.from, role: roleOf(sent.from), message: sent.message }],
  };
}

function storedMessage(row: StoredRawRow): { from: string; message: SessionMessage } | undefined {
  switch (row.table) {
    case 'stats_sample':
      return {
        from: row.participantId,
        message: {
          kind: 'stats',
          timestamp: row.at,
          ...(row.peerConnectionId !== null ? { peerConnectionId: row.peerConnectionId } : {}),
          stats: Array.isArray(row.stats) ? (row.stats as Extract<SessionMessage, { kind: 'stats' }>['stats']) : [],
        },
      };
    case 'utterance':
      return { from: row.participantId, message: { kind: 'utterance', start: row.start, end: row.at } };
    case 'event':
      return storedEvent(row);
  }
}

function storedEvent(
  row: Extract<StoredRawRow, { table: 'event' }>,
): { from: string; message: SessionMessage } | undefined {
  const payload = isRecord(row.payload) ? row.payload : {};
  if (row.source === 'facilitator') {
    // Stored under the member it is about; whoever logged it is in the payload.
    const loggedBy = typeof payload.loggedBy === 'string' ? payload.loggedBy : undefined;
    if (loggedBy === undefined) return undefined;
    return {
      from: loggedBy,
      message: {
        kind: 'facilitator-event',
        at: row.at,
        code: row.type,
        ...(row.participantId !== null ? { participantId: row.participantId } : {}),
      },
    };
  }
  if (row.source !== 'client' || row.participantId === null) return undefined;
  const from = row.participantId;
  switch (row.type) {
    case 'join':
      return { from, message: { kind: 'join', at: row.at, ...(isRecord(row.payload) ? { client: payload } : {}) } };
    case 'leave':
      return { from, message: { kind: 'leave', at: row.at, ...(row.state !== null ? { reason: row.state } : {}) } };
    default:
      return {
        from,
        message: {
          ...payload,
          kind: 'client-event',
          type: row.type,
          at: row.at,
          ...(row.state !== null ? { state: row.state } : {}),
        },
      };
  }
}

function isRecord(value: unknown): value is Record<string, unknown> {
  return typeof value === 'object' && value !== null && !Array.isArray(value);
}
