import { EVENT_TABLE, IngestRowError, STATS_SAMPLE_TABLE, UTTERANCE_TABLE, type EventRow } from './ingest-rows';

const ids = {
  sessionId: '4b7e8f0e-2c1a-4d0b-9a59-5f0c1d2e3f40',
  participantId: '0d4c7a9e-1b2f-4e3a-8c5d-6f7a8b9c0d1e',
};

function event(overrides: Partial<EventRow> = {}): EventRow {
  return {
    ...ids,
    source: 'client',
    type: 'mic',
    state: 'muted',
    at: new Date('2026-03-03T18:00:00.000Z'),
    seq: 7,
    payload: null,
    receivedAt: new Date('2026-03-03T18:00:00.250Z'),
    ...overrides,
  };
}

describe('ingest table specs', () => {
  it('insert a whole batch with one parameter per column', () => {
    expect(UTTERANCE_TABLE.insertSql).toBe(
      'INSERT INTO "utterance" ("session_id", "participant_id", "start_at", "end_at", "seq") ' +
        'SELECT "session_id", "participant_id", "start_at", "end_at", "seq" FROM ROWS FROM (unnest($1::uuid[]), ' +
        'unnest($2::uuid[]), unnest($3::timestamptz[]), unnest($4::timestamptz[]), unnest($5::bigint[])) ' +
        'AS batch("session_id", "participant_id", "start_at", "end_at", "seq")',
    );
    // The report column is json (decision 0003) and never NULL; jsonb columns map JSON null to NULL.
    expect(STATS_SAMPLE_TABLE.insertSql).toContain('json_array_elements($19::json)');
    expect(STATS_SAMPLE_TABLE.insertSql).not.toContain('NULLIF("stats"');
    expect(EVENT_TABLE.insertSql).toContain(`NULLIF("payload", 'null'::jsonb)`);
  });

  it('send jsonb as one JSON array, with JSON null for SQL NULL', () => {
    const rows = [event({ payload: { a: 1 } }), event(), event({ payload: undefined })].map((row, i) =>
      EVENT_TABLE.prepare(row, i),
    );

    const [sessionIds, , , , , at, seq, payload] = EVENT_TABLE.parameters(rows);

    expect(sessionIds).toEqual([ids.sessionId, ids.sessionId, ids.sessionId]);
    expect(at).toEqual(['2026-03-03T18:00:00.000Z', '2026-03-03T18:00:00.000Z', '2026-03-03T18:00:00.000Z']);
    expect(seq).toEqual([7, 7, 7]);
    expect(payload).toBe('[{"a":1},null,null]');
  });

  it('replace what PostgreSQL cannot store, and leave look-alike text alone', () => {
    const { values } = EVENT_TABLE.prepare(
      event({ state: 'on\u0000', payload: { nul: 'a\u0000b', lone: 'x\udc00', pair: '😀', literal: '\\u0000' } }),
      0,
    );

    expect(values[4]).toBe('on\ufffd');
    expect(JSON.parse(values[7] as string)).toEqual({
      nul: 'a\ufffdb',
      lone: 'x\ufffd',
      pair: '😀',
      literal: '\\u0000',
    });
  });

  it('refuse malformed rows by name of table, row and field, without quoting the value', () => {
    const prepare = (overrides: Partial<EventRow>) => () => EVENT_TABLE.prepare(event(overrides), 3);

    expect(prepare({ participantId: 'Alice' })).toThrow(new IngestRowError('event', 3, 'participantId', 'a UUID'));
    expect(prepare({ participantId: 'Alice' })).not.toThrow(/Alice/);
    expect(prepare({ seq: 1.5 })).toThrow('event row 3: seq must be a whole number');
    expect(prepare({ at: new Date('nonsense') })).toThrow('event row 3: at must be a valid Date');
    expect(prepare({ payload: { big: 1n } })).toThrow('event row 3: payload must be JSON-serialisable');
    expect(prepare({ participantId: null, seq: null })).not.toThrow();
  });
});
