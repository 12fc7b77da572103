import type { EventSource } from './entities';
import type { RtcStatsObject, StatsSampleColumns } from './stats-sample-columns';

/** One stats report: a row of stats_sample. Spread statsSampleColumns(stats) into it. */
export interface StatsSampleRow extends StatsSampleColumns {
  sessionId: string;
  participantId: string;
  /** The envelope's seq. */
  seq: number;
  /** The message's position in its envelope. */
  messageIndex: number;
  peerConnectionId: string | null;
  /** The report's own timestamp (event time). */
  ts: Date;
  receivedAt: Date;
  /** Every stats object of the report, as received. */
  stats: ReadonlyArray<RtcStatsObject>;
}

/** A row of event. */
export interface EventRow {
  sessionId: string;
  /** Null for session-wide events. */
  participantId: string | null;
  source: EventSource;
  type: string;
  state?: string | null;
  at: Date;
  seq: number | null;
  /** Stored as jsonb; null or undefined store NULL. */
  payload?: unknown;
  receivedAt: Date;
}

/** A row of utterance. */
export interface UtteranceRow {
  sessionId: string;
  participantId: string;
  startAt: Date;
  endAt: Date;
  seq: number;
}

/** A malformed row: a bug in the caller, reported without any of the row's values. */
export class IngestRowError extends TypeError {
  constructor(table: string, index: number, field: string, expected: string) {
    super(`${table} row ${index}: ${field} must be ${expected}`);
    this.name = 'IngestRowError';
  }
}

/** A row turned into the values of its columns, checked and ready for unnest(). */
export interface PreparedRow {
  readonly values: readonly unknown[];
  /** Roughly what the row weighs in a query, to keep batches and the buffer bounded. */
  readonly bytes: number;
}

export interface IngestTable<Row> {
  readonly name: 'stats_sample' | 'event' | 'utterance';
  /** One statement for a whole batch, with one parameter per column. */
  readonly insertSql: string;
  /** The same rows by COPY (PostgreSQL only; PGlite's wire adapter has no COPY). */
  readonly copySql: string;
  prepare(row: Row, index: number): PreparedRow;
  parameters(rows: readonly PreparedRow[]): unknown[];
  /** The rows in COPY's text format: a line per row, tab-separated, \N for NULL. */
  copyText(rows: readonly PreparedRow[]): string;
}

interface Column<Row> {
  name: string;
  sqlType: string;
  value(row: Row, check: FieldCheck): unknown;
}

export const STATS_SAMPLE_TABLE = ingestTable<StatsSampleRow>('stats_sample', [
  { name: 'session_id', sqlType: 'uuid', value: (row, check) => check.uuid('sessionId', row.sessionId) },
  { name: 'participant_id', sqlType: 'uuid', value: (row, check) => check.uuid('participantId', row.participantId) },
  { name: 'seq', sqlType: 'bigint', value: (row, check) => check.integer('seq', row.seq) },
  { name: 'message_index', sqlType: 'integer', value: (row, check) => check.int32('messageIndex', row.messageIndex) },
  {
    name: 'peer_connection_id',
    sqlType: 'text',
    value: (row, check) => check.optionalText('peerConnectionId', row.peerConnectionId),
  },
  { name: 'ts', sqlType: 'timestamptz', value: (row, check) => check.timestamp('ts', row.ts) },
  { name: 'received_at', sqlType: 'timestamptz', value: (row, check) => check.timestamp('receivedAt', row.receivedAt) },
  ...(
    [
      ['audio_packets_received', 'audioPacketsReceived', 'bigint'],
      ['audio_packets_lost', 'audioPacketsLost', 'bigint'],
      ['video_packets_received', 'videoPacketsReceived', 'bigint'],
      ['video_packets_lost', 'videoPacketsLost', 'bigint'],
      ['audio_jitter_ms', 'audioJitterMs', 'double precision'],
      ['ice_rtt_ms', 'iceRttMs', 'double precision'],
      ['rtcp_rtt_ms', 'rtcpRttMs', 'double precision'],
      ['bytes_received', 'bytesReceived', 'bigint'],
      ['bytes_sent', 'bytesSent', 'bigint'],
      ['media_source_audio_energy', 'mediaSourceAudioEnergy', 'double precision'],
      ['media_source_samples_duration', 'mediaSourceSamplesDuration', 'double precision'],
    ] as const
  ).map(([name, field, sqlType]): Column<StatsSampleRow> => ({
    name,
    sqlType,
    value: (row, check) =>
      sqlType === 'bigint' ? check.optionalInteger(field, row[field]) : check.optionalNumber(field, row[field]),
  })),
  // json, not jsonb: the reports are only ever read back whole (to replay a session), and
  // skipping jsonb's parse-and-convert doubled the insert rate of 3 KB reports (measured).
  { name: 'stats', sqlType: 'json', value: (row, check) => check.jsonArray('stats', row.stats) },
]);

export const EVENT_TABLE = ingestTable<EventRow>('event', [
  { name: 'session_id', sqlType: 'uuid', value: (row, check) => check.uuid('sessionId', row.sessionId) },
  {
    name: 'participant_id',
    sqlType: 'uuid',
    value: (row, check) => (row.participantId === null ? null : check.uuid('participantId', row.participantId)),
  },
  { name: 'source', sqlType: 'text', value: (row, check) => check.text('source', row.source) },
  { name: 'type', sqlType: 'text', value: (row, check) => check.text('type', row.type) },
  { name: 'state', sqlType: 'text', value: (row, check) => check.optionalText('state', row.state) },
  { name: 'at', sqlType: 'timestamptz', value: (row, check) => check.timestamp('at', row.at) },
  { name: 'seq', sqlType: 'bigint', value: (row, check) => check.optionalInteger('seq', row.seq) },
  { name: 'payload', sqlType: 'jsonb', value: (row, check) => check.optionalJson('payload', row.payload) },
  { name: 'received_at', sqlType: 'timestamptz', value: (row, check) => check.timestamp('receivedAt', row.receivedAt) },
]);

export const UTTERANCE_TABLE = ingestTable<UtteranceRow>('utterance', [
  { name: 'session_id', sqlType: 'uuid', value: (row, check) => check.uuid('sessionId', row.sessionId) },
  { name: 'participant_id', sqlType: 'uuid', value: (row, check) => check.uuid('participantId', row.participantId) },
  { name: 'start_at', sqlType: 'timestamptz', value: (row, check) => check.timestamp('startAt', row.startAt) },
  { name: 'end_at', sqlType: 'timestamptz', value: (row, check) => check.timestamp('endAt', row.endAt) },
  { name: 'seq', sqlType: 'bigint', value: (row, check) => check.integer('seq', row.seq) },
]);

/**
 * `INSERT … SELECT * FROM ROWS FROM (unnest($1::uuid[]), …, jsonb_array_elements($n))`: one
 * statement and one parameter per column however many rows, the same on PostgreSQL and
 * PGlite, and several times faster than a multi-row VALUES list or TypeORM's insert().
 * jsonb columns travel as one JSON array rather than a jsonb[]: pg would escape every quote
 * of every document into an array literal, and PostgreSQL unescape it again, which made
 * batches of stats reports about three times slower.
 */
function ingestTable<Row>(name: IngestTable<Row>['name'], columns: Array<Column<Row>>): IngestTable<Row> {
  const names = columns.map((column) => `"${column.name}"`);
  const sources = columns.map((column, i) => {
    if (column.sqlType === 'jsonb') return `jsonb_array_elements($${i + 1}::jsonb)`;
    if (column.sqlType === 'json') return `json_array_elements($${i + 1}::json)`;
    return `unnest($${i + 1}::${column.sqlType}[])`;
  });
  // A JSON null in the array stands for SQL NULL (json columns are NOT NULL: json has no '=').
  const selected = columns.map((column, i) =>
    column.sqlType === 'jsonb' ? `NULLIF(${names[i]}, 'null'::jsonb)` : names[i],
  );
  return {
    name,
    insertSql:
      `INSERT INTO "${name}" (${names.join(', ')}) ` +
      `SELECT ${selected.join(', ')} FROM ROWS FROM (${sources.join(', ')}) AS batch(${names.join(', ')})`,
    copySql: `COPY "${name}" (${names.join(', ')}) FROM STDIN`,
    prepare(row, index) {
      const check = new FieldCheck(name, index);
      const values = columns.map((column) => column.value(row, check));
      return { values, bytes: check.bytes };
    },
    parameters(rows) {
      return columns.map((column, i) => {
        const values = rows.map((row) => row.values[i]);
        // jsonb values were serialised by FieldCheck.json, or are null.
        return column.sqlType === 'jsonb' || column.sqlType === 'json'
          ? `[${values.map((value) => (typeof value === 'string' ? value : 'null')).join(',')}]`
          : values;
      });
    },
    copyText(rows) {
      let text = '';
      for (const row of rows) {
        const { values } = row;
        for (let i = 0; i < values.length; i += 1) text += (i === 0 ? '' : '\t') + copyField(values[i]);
        text += '\n';
      }
      return text;
    },
  };
}

/**
 * A prepared value (string, number or null) as a field of COPY's text format. Backslash,
 * tab and line breaks are the only characters it gives a meaning to; NUL never gets here
 * (FieldCheck replaced it).
 */
function copyField(value: unknown): string {
  if (value === null || value === undefined) return '\\N';
  if (typeof value === 'number') return String(value);
  const text = value as string;
  return COPY_SPECIAL.test(text)
    ? text.replace(COPY_SPECIAL_GLOBAL, (special) => COPY_ESCAPES[special] ?? special)
    : text;
}

const COPY_SPECIAL = /[\\\t\n\r]/;
const COPY_SPECIAL_GLOBAL = /[\\\t\n\r]/g;
const COPY_ESCAPES: Record<string, string> = { '\\': '\\\\', '\t': '\\t', '\n': '\\n', '\r': '\\r' };

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;
const INT32_MAX = 2 ** 31 - 1;
/** A fixed allowance per column for what is not a long string. */
const BYTES_PER_VALUE = 16;

/**
 * Checks each value on the way in, so that a malformed row fails its caller at once instead
 * of failing a whole batch in the database later. Text a client controls is made storable
 * rather than refused: PostgreSQL rejects NUL characters (and jsonb rejects lone surrogate
 * escapes), which are replaced with U+FFFD.
 */
class FieldCheck {
  bytes = 0;

  constructor(
    private readonly table: string,
    private readonly index: number,
  ) {}

  uuid(field: string, value: unknown): string {
    if (typeof value !== 'string' || !UUID.test(value)) this.fail(field, 'a UUID');
    this.bytes += 36;
    return value;
  }

  integer(field: string, value: unknown): number {
    if (!Number.isSafeInteger(value)) this.fail(field, 'a whole number');
    this.bytes += BYTES_PER_VALUE;
    return value as number;
  }

  int32(field: string, value: unknown): number {
    const checked = this.integer(field, value);
    if (Math.abs(checked) > INT32_MAX) this.fail(field, 'a 32-bit whole number');
    return checked;
  }

  optionalInteger(field: string, value: unknown): number | null {
    return value === null || value === undefined ? null : this.integer(field, value);
  }

  optionalNumber(field: string, value: unknown): number | null {
    if (value === null || value === undefined) return null;
    if (typeof value !== 'number' || !Number.isFinite(value)) this.fail(field, 'a finite number or null');
    this.bytes += BYTES_PER_VALUE;
    return value;
  }

  timestamp(field: string, value: unknown): string {
    if (!(value instanceof Date) || Number.isNaN(value.getTime())) this.fail(field, 'a valid Date');
    this.bytes += 32;
    // ISO text in UTC: unambiguous for timestamptz[] whatever the server's time zone.
    return value.toISOString();
  }

  text(field: string, value: unknown): string {
    if (typeof value !== 'string') this.fail(field, 'a string');
    this.bytes += value.length + BYTES_PER_VALUE;
    return value.includes('\u0000') ? value.replaceAll('\u0000', '\uFFFD') : value;
  }

  optionalText(field: string, value: unknown): string | null {
    return value === null || value === undefined ? null : this.text(field, value);
  }

  jsonArray(field: string, value: unknown): string {
    if (!Array.isArray(value)) this.fail(field, 'an array');
    return this.json(field, value);
  }

  optionalJson(field: string, value: unknown): string | null {
    return value === null || value === undefined ? null : this.json(field, value);
  }

  private json(field: string, value: unknown): string {
    let text: string | undefined;
    try {
      text = JSON.stringify(value);
    } catch {
      this.fail(field, 'JSON-serialisable (no BigInt, no cycles)');
    }
    if (text === undefined) this.fail(field, 'JSON-serialisable');
    this.bytes += text.length;
    // Most documents have no \u escape at all: skip the regular expression for them.
    return text.includes('\\u') ? text.replace(UNSTORABLE_JSON_ESCAPE, '$1\\ufffd') : text;
  }

  private fail(field: string, expected: string): never {
    throw new IngestRowError(this.table, this.index, field, expected);
  }
}

/**
 * JSON.stringify escapes NUL as \u0000 and a lone surrogate as \udXXX (paired ones are
 * written raw), and jsonb refuses both. An even run of backslashes before the escape means
 * it is a real escape, not the literal text "\u0000".
 */
const UNSTORABLE_JSON_ESCAPE = /(?<!\\)((?:\\\\)*)\\u(?:0000|d[89a-f][0-9a-f]{2})/g;
