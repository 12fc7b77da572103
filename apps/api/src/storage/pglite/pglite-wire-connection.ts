import { EventEmitter } from 'node:events';
import type { messages, PGlite } from '@electric-sql/pglite';
import { DatabaseError } from 'pg';
import type { PgliteSerializer } from './load-pglite';

type BackendMessage = Awaited<ReturnType<PGlite['execProtocolStream']>>[number];

/** Transaction status from the last ReadyForQuery: idle, in a transaction, or in a failed one. */
export type TransactionStatus = 'I' | 'T' | 'E';

/**
 * What pg's `Client` expects of its `connection` (pg/lib/connection.js), implemented over an
 * in-process PGlite instead of a socket. pg itself still serialises parameters and parses
 * every result, so rows, fields, command, rowCount and type parsing (int8 and numeric as
 * strings, timestamptz as Date, jsonb as objects) are exactly what pg gives on PostgreSQL.
 *
 * PGlite has a single backend session: this class does nothing to share it safely. The pool
 * around it ({@link PglitePool}) lends it to one holder at a time.
 */
export class PgliteWireConnection extends EventEmitter {
  /** Read by pg's Client.end(): without it, end() never closes the connection. */
  _connecting = false;
  /** pg's Query keeps track of named prepared statements here. */
  readonly parsedStatements: Record<string, string> = {};
  readonly submittedNamedStatements: Record<string, string> = {};
  /**
   * pg corks the stream around Parse/Bind/Describe/Execute/Sync; sending them to PGlite as
   * one buffer halves the cost of a small query compared with one call per message.
   */
  readonly stream = {
    cork: (): void => {
      this.corkDepth += 1;
    },
    uncork: (): void => {
      this.corkDepth = Math.max(0, this.corkDepth - 1);
      if (this.corkDepth === 0 && this.corked.length > 0) {
        const messages = this.corked;
        this.corked = [];
        this.dispatch(messages.length === 1 ? messages[0] : Buffer.concat(messages));
      }
    },
    destroy: (): void => this.end(),
  };

  private corkDepth = 0;
  private corked: Uint8Array[] = [];
  /** Messages reach PGlite strictly in order, one call at a time. */
  private inFlight: Promise<void> = Promise.resolve();
  private ended = false;
  private status: TransactionStatus = 'I';

  constructor(
    private readonly db: PGlite,
    private readonly serialize: PgliteSerializer,
  ) {
    super();
  }

  get transactionStatus(): TransactionStatus {
    return this.status;
  }

  connect(): void {
    this._connecting = true;
    process.nextTick(() => this.emit('connect'));
  }

  /** There is no authentication in process: answer the startup packet with "ready". */
  startup(): void {
    process.nextTick(() => this.emit('readyForQuery', { name: 'readyForQuery', length: 5, status: 'I' }));
  }

  requestSsl(): void {
    process.nextTick(() => this.emit('error', new Error('SSL is not applicable to the embedded database')));
  }

  query(text: string): void {
    this.send(this.serialize.query(text));
  }

  parse(query: Parameters<PgliteSerializer['parse']>[0]): void {
    this.send(this.serialize.parse(query));
  }

  bind(config: Parameters<PgliteSerializer['bind']>[0]): void {
    this.send(this.serialize.bind(config));
  }

  describe(message: Parameters<PgliteSerializer['describe']>[0]): void {
    this.send(this.serialize.describe(message));
  }

  execute(config: Parameters<PgliteSerializer['execute']>[0]): void {
    this.send(this.serialize.execute(config));
  }

  close(message: Parameters<PgliteSerializer['close']>[0]): void {
    this.send(this.serialize.close(message));
  }

  flush(): void {
    this.send(this.serialize.flush());
  }

  sync(): void {
    this.send(this.serialize.sync());
  }

  sendCopyFromChunk(chunk: Uint8Array): void {
    const copy = chunk.buffer.slice(chunk.byteOffset, chunk.byteOffset + chunk.byteLength);
    this.send(this.serialize.copyData(copy as ArrayBuffer));
  }

  endCopyFrom(): void {
    this.send(this.serialize.copyDone());
  }

  sendCopyFail(message: string): void {
    this.send(this.serialize.copyFail(message));
  }

  /** Like a socket closing: pg waits for 'end'. The PGlite instance belongs to the pool. */
  end(): void {
    if (this.ended) return;
    this.ended = true;
    this.inFlight = this.inFlight.then(() => {
      this.emit('end');
    });
  }

  ref(): void {
    // Nothing to keep alive: there is no socket.
  }

  unref(): void {
    // Nothing to keep alive: there is no socket.
  }

  private send(message: Uint8Array): void {
    if (this.corkDepth > 0) {
      this.corked.push(message);
    } else {
      this.dispatch(message);
    }
  }

  private dispatch(message: Uint8Array): void {
    if (this.ended) {
      process.nextTick(() => this.emit('error', new Error('The embedded database connection has ended')));
      return;
    }
    this.inFlight = this.inFlight
      .then(async () => {
        const replies = await this.db.execProtocolStream(message, { throwOnError: false });
        for (const reply of replies) this.deliver(reply);
      })
      .catch((error: unknown) => {
        this.emit('error', error instanceof Error ? error : new Error(String(error)));
      });
  }

  private deliver(reply: BackendMessage): void {
    if (reply.name === 'readyForQuery') {
      const { status } = reply as messages.ReadyForQueryMessage;
      if (status === 'I' || status === 'T' || status === 'E') this.status = status;
      this.emit('readyForQuery', reply);
    } else if (reply.name === 'rowDescription') {
      this.emit('rowDescription', asPgRowDescription(reply as messages.RowDescriptionMessage));
    } else if (reply.name === 'error') {
      // pg's own Connection renames ErrorResponse so that it is not Node's special 'error' event.
      this.emit('errorMessage', asPgDatabaseError(reply as messages.DatabaseError));
    } else {
      this.emit(reply.name, reply);
    }
  }
}

type PgField = Omit<messages.Field, 'format'> & { format: 'text' | 'binary' };
type PgRowDescription = Omit<messages.RowDescriptionMessage, 'fields'> & { fields: PgField[] };

/** pg's protocol parser names the field format ('text'); PGlite's keeps the wire code (0). */
function asPgRowDescription(message: messages.RowDescriptionMessage): PgRowDescription {
  return {
    ...message,
    fields: message.fields.map((field) => ({ ...field, format: field.format === 1 ? 'binary' : 'text' })),
  };
}

/** Query errors are pg's DatabaseError, so `instanceof` and `code` checks work on both databases. */
function asPgDatabaseError(message: messages.DatabaseError): DatabaseError {
  const error = new DatabaseError(message.message, message.length, 'error');
  const { severity, code, detail, hint, position, internalPosition, internalQuery, where } = message;
  const { schema, table, column, dataType, constraint, file, line, routine } = message;
  return Object.assign(error, {
    severity,
    code,
    detail,
    hint,
    position,
    internalPosition,
    internalQuery,
    where,
    schema,
    table,
    column,
    dataType,
    constraint,
    file,
    line,
    routine,
  });
}
