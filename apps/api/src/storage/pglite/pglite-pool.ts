import { EventEmitter } from 'node:events';
import { Logger } from '@nestjs/common';
import {
  Client,
  type ClientConfig,
  type QueryConfig,
  type QueryResult,
  type QueryResultRow,
  type Submittable,
} from 'pg';
import { FifoLock } from './fifo-lock';
import { openPglite, type OpenPglite } from './load-pglite';
import { PgliteWireConnection } from './pglite-wire-connection';

type QueryCallback = (error: Error | null, result: QueryResult) => void;
type ReleaseCallback = (error?: Error | boolean) => void;
type ConnectCallback = (
  error: Error | undefined,
  client: PglitePoolClient | undefined,
  release: ReleaseCallback,
) => void;

export interface PglitePoolOptions {
  /** How long connect() waits for the single connection; 0 waits for ever. */
  connectionTimeoutMillis?: number;
}

interface Session {
  readonly client: Client;
  readonly connection: PgliteWireConnection;
  broken: boolean;
}

/**
 * The part of pg's `Pool` that TypeORM's postgres driver uses, over one embedded PGlite
 * database. PGlite has exactly one backend session, so this is a pool of size one: a
 * checked-out client holds an exclusive lock until it is released, and a second connect()
 * waits. That is what keeps one request's transaction from committing or rolling back
 * another's (the flaw of the typeorm-pglite package, which shares the session freely).
 *
 * The pool owns the PGlite instance: it opens it on the first connect() and closes it in
 * end(), which TypeORM calls from DataSource.destroy().
 */
export class PglitePool extends EventEmitter {
  private readonly logger = new Logger(PglitePool.name);
  private readonly lock = new FifoLock();
  private database: Promise<OpenPglite> | undefined;
  private session: Promise<Session> | undefined;
  private holder: PglitePoolClient | undefined;
  private ending: Promise<void> | undefined;

  constructor(
    private readonly dataDir: string,
    private readonly options: PglitePoolOptions = {},
  ) {
    super();
  }

  /** Callers waiting for the connection (pg's Pool has the same property). */
  get waitingCount(): number {
    return this.lock.waiting;
  }

  connect(): Promise<PglitePoolClient>;
  connect(callback: ConnectCallback): void;
  connect(callback?: ConnectCallback): Promise<PglitePoolClient> | void {
    const leased = this.lease();
    if (!callback) return leased;
    leased.then(
      (client) => callback(undefined, client, (error) => client.release(error)),
      (error: Error) => callback(error, undefined, () => undefined),
    );
  }

  async query<R extends QueryResultRow = QueryResultRow>(
    text: string | QueryConfig,
    values?: unknown[],
  ): Promise<QueryResult<R>> {
    const client = await this.lease();
    try {
      return await client.query<R>(text, values);
    } finally {
      client.release();
    }
  }

  end(): Promise<void>;
  end(callback: (error?: Error) => void): void;
  end(callback?: (error?: Error) => void): Promise<void> | void {
    this.ending ??= this.shutdown();
    if (!callback) return this.ending;
    this.ending.then(
      () => callback(),
      (error: Error) => callback(error),
    );
  }

  private async lease(): Promise<PglitePoolClient> {
    if (this.ending) throw new Error('Cannot use a pool after calling end on the pool');
    const timeoutMs = this.options.connectionTimeoutMillis ?? 0;
    await this.lock.acquire(
      timeoutMs,
      `Timed out after ${timeoutMs} ms waiting for the embedded database's only connection. ` +
        'Another query runner holds it; a query through the DataSource inside a transaction ' +
        "callback deadlocks here (use the transaction's EntityManager).",
    );
    try {
      const session = await this.openSession();
      this.holder = new PglitePoolClient(session.client, (error) => this.giveBack(session, error));
      return this.holder;
    } catch (error) {
      this.lock.release();
      throw error;
    }
  }

  private openSession(): Promise<Session> {
    this.session ??= this.createSession().catch((error: unknown) => {
      this.session = undefined;
      throw error;
    });
    return this.session;
  }

  private async createSession(): Promise<Session> {
    this.database ??= openPglite(this.dataDir).catch((error: unknown) => {
      this.database = undefined;
      throw error;
    });
    const { db, serialize } = await this.database;
    // A previous client may have died mid-query or inside a transaction, and PGlite's
    // session outlives it: leave extended-query error state, then end any transaction.
    await db.execProtocolStream(serialize.sync(), { throwOnError: false });
    if (db.isInTransaction()) await db.exec('ROLLBACK');

    const connection = new PgliteWireConnection(db, serialize);
    // pg reads PGSSLMODE and friends from the environment; none of them apply in process.
    const config: ClientConfig & { connection: PgliteWireConnection } = { connection, ssl: false };
    const client = new Client(config);
    const session: Session = { client, connection, broken: false };
    client.on('error', (error: Error) => {
      session.broken = true;
      this.reportError(error);
    });
    client.on('notice', (notice: unknown) => this.holder?.emit('notice', notice));
    client.on('notification', (notification: unknown) => this.holder?.emit('notification', notification));
    await client.connect();
    return session;
  }

  private giveBack(session: Session, error?: Error | boolean): void {
    this.holder = undefined;
    void this.cleanUp(session, error !== undefined && error !== false).finally(() => this.lock.release());
  }

  /**
   * With one shared session, a transaction left open by one holder would silently swallow
   * every later holder's writes, so it is rolled back before the next holder gets the lock.
   */
  private async cleanUp(session: Session, discard: boolean): Promise<void> {
    try {
      if (!session.broken && session.connection.transactionStatus !== 'I') {
        this.logger.warn('An embedded database client was released inside a transaction; rolling it back');
        await session.client.query('ROLLBACK');
      }
    } catch (rollbackError) {
      session.broken = true;
      this.reportError(rollbackError instanceof Error ? rollbackError : new Error(String(rollbackError)));
    }
    if (discard || session.broken) {
      this.session = undefined;
      await session.client.end().catch((endError: unknown) => {
        this.logger.warn(`Closing a broken embedded database client failed: ${String(endError)}`);
      });
    }
  }

  private async shutdown(): Promise<void> {
    // Queued holders are served first; nobody new can queue once `ending` is set.
    await this.lock.acquire();
    try {
      const session = await this.session?.catch(() => undefined);
      if (session) await session.client.end();
      const database = await this.database?.catch(() => undefined);
      if (database) await database.close();
    } finally {
      this.lock.release();
    }
  }

  /** Like pg: errors go to the holder of the client, or to the pool when nobody holds it. */
  private reportError(error: Error): void {
    if (this.holder && this.holder.listenerCount('error') > 0) {
      this.holder.emit('error', error);
    } else if (this.listenerCount('error') > 0) {
      this.emit('error', error);
    } else {
      this.logger.error(`Embedded database error: ${error.message}`);
    }
  }
}

/**
 * A client lent by {@link PglitePool}: pg's client, usable only until release(), so that a
 * forgotten reference cannot run a query inside the next holder's transaction.
 */
export class PglitePoolClient extends EventEmitter {
  private released = false;

  constructor(
    private readonly client: Client,
    private readonly giveBack: ReleaseCallback,
  ) {
    super();
  }

  query<R extends QueryResultRow = QueryResultRow>(
    text: string | QueryConfig,
    values?: unknown[],
  ): Promise<QueryResult<R>>;
  query<T extends Submittable>(submittable: T): T;
  query(text: string, values: unknown[], callback: QueryCallback): void;
  query(text: string, callback: QueryCallback): void;
  query(...args: unknown[]): unknown {
    if (this.released) {
      throw new Error('This embedded database client was released; it cannot run more queries.');
    }
    const query = this.client.query.bind(this.client) as (...queryArgs: unknown[]) => unknown;
    return query(...args);
  }

  release(error?: Error | boolean): void {
    if (this.released) {
      throw new Error('Release called on client which has already been released to the pool.');
    }
    this.released = true;
    this.giveBack(error);
  }
}
