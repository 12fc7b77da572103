import type { Message } from '@attune/protocol';
import type { EventRow, StatsSampleRow, UtteranceRow } from '../storage/ingest-writer';
import { statsSampleColumns } from '../storage/stats-sample-columns';
import type { MessageSource } from './ingest-bus';

export interface StorageRows {
  statsSamples: StatsSampleRow[];
  events: EventRow[];
  utterances: UtteranceRow[];
}

/** Maps accepted messages to the rows of the raw tables; `indexes[i]` is message i's place in its envelope. */
export function toStorageRows(
  source: MessageSource,
  messages: readonly Message[],
  indexes: readonly number[],
  receivedAtMs: number,
): StorageRows {
  const rows: StorageRows = { statsSamples: [], events: [], utterances: [] };
  const { sessionId, participantId } = source;
  // Every device message has its envelope's seq; only the live view's observations have none.
  const seq = source.seq ?? Number.NaN;
  const receivedAt = new Date(receivedAtMs);
  messages.forEach((message, position) => {
    switch (message.kind) {
      case 'stats':
        rows.statsSamples.push({
          sessionId,
          participantId,
          seq,
          messageIndex: indexes[position] ?? position,
          peerConnectionId: message.peerConnectionId ?? null,
          ts: new Date(message.timestamp),
          receivedAt,
          ...statsSampleColumns(message.stats),
          stats: message.stats,
        });
        return;
      case 'utterance':
        rows.utterances.push({
          sessionId,
          participantId,
          seq,
          startAt: new Date(message.start),
          endAt: new Date(message.end),
        });
        return;
      case 'client-event': {
        const { kind: _kind, type, at, ...details } = message;
        const state = 'state' in details ? details.state : null;
        const { state: _state, ...payload } = details as { state?: unknown };
        rows.events.push({
          sessionId,
          participantId,
          source: 'client',
          type,
          state,
          at: new Date(at),
          seq,
          payload: Object.keys(payload).length > 0 ? payload : null,
          receivedAt,
        });
        return;
      }
      case 'facilitator-event':
        rows.events.push({
          sessionId,
          // The member the observation is about (null: the whole session); who logged it goes in the payload.
          participantId: message.participantId ?? null,
          source: 'facilitator',
          type: message.code,
          state: null,
          at: new Date(message.at),
          seq: source.seq ?? null,
          payload: { loggedBy: participantId, ...(message.note !== undefined ? { note: message.note } : {}) },
          receivedAt,
        });
        return;
      case 'join':
        rows.events.push({
          sessionId,
          participantId,
          source: 'client',
          type: 'join',
          state: null,
          at: new Date(message.at),
          seq,
          payload: message.client ?? null,
          receivedAt,
        });
        return;
      case 'leave':
        rows.events.push({
          sessionId,
          participantId,
          source: 'client',
          type: 'leave',
          state: message.reason ?? null,
          at: new Date(message.at),
          seq,
          payload: null,
          receivedAt,
        });
        return;
    }
  });
  return rows;
}
