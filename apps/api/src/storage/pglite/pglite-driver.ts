import { defaults, types, type PoolConfig } from 'pg';
import { PglitePool } from './pglite-pool';

/** What TypeORM's postgres driver loads from the `driver` option in place of `pg`. */
export interface PgliteDriver {
  Pool: new (options?: PoolConfig) => PglitePool;
  defaults: typeof defaults;
  types: typeof types;
}

/**
 * A stand-in for the `pg` module whose Pool opens the embedded database in `dataDir`.
 * `defaults` and `types` are pg's own, because the clients are pg's own: type parsers
 * registered on pg apply to both databases alike.
 */
export function createPgliteDriver(dataDir: string): PgliteDriver {
  class EmbeddedPool extends PglitePool {
    constructor(options: PoolConfig = {}) {
      super(dataDir, { connectionTimeoutMillis: options.connectionTimeoutMillis });
    }
  }
  return { Pool: EmbeddedPool, defaults, types };
}
