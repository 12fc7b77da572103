import type { EnvelopeHeader, Message } from '@attune/protocol';
import { toStorageRows } from '../ingest/message-rows';
import type { StoredRawRow } from '../storage/repositories';
import { envelopeCommand, storedRowCommand } from './session-inputs';

const SESSION = '6f0b8a52-9a57-4cf8-9b41-2d0b6f9a3c11';
const MEMBER = '0d3f0a4e-1c55-4a0b-8e7a-5d8b3f0c2a90';
const FACILITATOR = '9a1c2b3d-4e5f-4a6b-8c7d-0e1f2a3b4c5d';
const T0 = 1_700_000_000_000;

const header = (participantId: string, seq: number): EnvelopeHeader => ({
  v: 1,
  sessionId: SESSION,
  participantId,
  seq,
  sentAt: T0,
});

/** What the replay query returns for the rows ingest wrote for these messages. */
function storedRows(participantId: string, seq: number, messages: Message[]): StoredRawRow[] {
  const rows = toStorageRows(
    header(participantId, seq),
    messages,
    messages.map((_, index) => index),
    T0 + 50,
  );
  const position = { atKey: '', table: 0, id: '1' };
  return [
    ...rows.statsSamples.map((row): StoredRawRow => ({
      table: 'stats_sample',
      id: '1',
      position,
      at: row.ts.getTime(),
      participantId: row.participantId,
      seq: row.seq,
      receivedAt: row.receivedAt.getTime(),
      peerConnectionId: row.peerConnectionId,
      stats: JSON.parse(JSON.stringify(row.stats)) as unknown,
    })),
    ...rows.events.map((row): StoredRawRow => ({
      table: 'event',
      id: '2',
      position,
      at: row.at.getTime(),
      participantId: row.participantId,
      seq: row.seq,
      receivedAt: row.receivedAt.getTime(),
      source: row.source,
      type: row.type,
      state: row.state ?? null,
      payload: row.payload === undefined ? null : (JSON.parse(JSON.stringify(row.payload)) as unknown),
    })),
    ...rows.utterances.map((row): StoredRawRow => ({
      table: 'utterance',
      id: '3',
      position,
      at: row.endAt.getTime(),
      participantId: row.participantId,
      seq: row.seq,
      start: row.startAt.getTime(),
    })),
  ];
}

describe(storedRowCommand.name, () => {
  const roleOf = (participantId: string) => (participantId === FACILITATOR ? 'facilitator' : 'member');

  it.each<[string, Message]>([
    [
      'stats',
      {
        kind: 'stats',
        timestamp: T0,
        peerConnectionId: 'pc-1',
        stats: [{ id: 'T01', type: 'transport', timestamp: T0, selectedCandidatePairId: 'CP1' }],
      },
    ],
    ['utterance', { kind: 'utterance', start: T0, end: T0 + 2_500 }],
    ['a client event', { kind: 'client-event', type: 'visibility', at: T0, state: 'hidden' }],
    [
      'a client event with fields',
      { kind: 'client-event', type: 'device-change', at: T0, device: 'audioinput', platform: 'mobile' },
    ],
    ['a client event without state', { kind: 'client-event', type: 'device-change', at: T0, device: 'videoinput' }],
    ['join', { kind: 'join', at: T0, client: { platform: 'desktop', collectorVersion: '1.2.0' } }],
    ['join without client facts', { kind: 'join', at: T0 }],
    ['leave', { kind: 'leave', at: T0, reason: 'hangup' }],
  ])('gives back the %s message ingest stored', (_name, message) => {
    const [row] = storedRows(MEMBER, 4, [message]);
    expect(storedRowCommand(SESSION, row, roleOf)).toEqual({
      kind: 'messages',
      sessionId: SESSION,
      participantId: MEMBER,
      seq: 4,
      inputs: [{ participantId: MEMBER, role: 'member', message }],
    });
  });

  it('gives a facilitator event back to the facilitator who logged it, about the member it names', () => {
    const message: Message = { kind: 'facilitator-event', at: T0, code: 'withdrawn', participantId: MEMBER };
    const [row] = storedRows(FACILITATOR, 9, [message]);
    expect(storedRowCommand(SESSION, row, roleOf)).toEqual({
      kind: 'messages',
      sessionId: SESSION,
      participantId: FACILITATOR,
      seq: 9,
      inputs: [{ participantId: FACILITATOR, role: 'facilitator', message }],
    });
  });

  it('skips system events, which no participant sent', () => {
    const row: StoredRawRow = {
      table: 'event',
      id: '5',
      position: { atKey: '', table: 1, id: '5' },
      at: T0,
      participantId: null,
      seq: null,
      receivedAt: T0,
      source: 'system',
      type: 'session-started',
      state: null,
      payload: null,
    };
    expect(storedRowCommand(SESSION, row, roleOf)).toBeUndefined();
  });
});

describe(envelopeCommand.name, () => {
  it('hands every message of the envelope to the analyzer as its sender’s, with their role', () => {
    const messages: Message[] = [
      { kind: 'utterance', start: T0, end: T0 + 900 },
      { kind: 'leave', at: T0 + 1_000 },
    ];
    expect(envelopeCommand({ header: header(MEMBER, 3), messages, receivedAt: T0 }, 'member')).toEqual({
      kind: 'messages',
      sessionId: SESSION,
      participantId: MEMBER,
      seq: 3,
      inputs: messages.map((message) => ({ participantId: MEMBER, role: 'member', message })),
    });
  });
});
