import { randomBytes } from 'node:crypto';
import { isAbsolute, resolve } from 'node:path';

/**
 * Every setting Attune reads from the environment, validated once at boot into this typed
 * object. A bad value fails fast with a message that names the variable, so a typo in a
 * deployment never turns into a half-working server.
 */
export interface AppConfig {
  port: number;
  /** PostgreSQL when set; otherwise the embedded PGlite database under `dataDir`. */
  databaseUrl: string | undefined;
  dataDir: string;
  /** Admin token for management endpoints (until users and roles exist). */
  adminToken: string | undefined;
  /** Secret that signs participant and facilitator tokens. */
  tokenSecret: string | undefined;
  ingestTokenTtlSeconds: number;
  ingest: {
    /** Largest accepted HTTP body or WebSocket frame, in bytes. */
    maxPayloadBytes: number;
    /** Largest number of envelopes in one HTTP batch. */
    maxEnvelopesPerBatch: number;
    /** Largest number of messages in one envelope. */
    maxMessagesPerEnvelope: number;
    /** Token bucket per connection (WebSocket) or per participant (HTTP): envelopes/s and burst. */
    rateLimitPerSecond: number;
    rateLimitBurst: number;
    /**
     * When this much received data waits for the database, ingest stops reading from clients
     * (their sends back up, acks wait) until half of it is written.
     */
    maxBacklogBytes: number;
  };
  storage: {
    /** The batched writer flushes when this many rows wait, or after flushIntervalMs. */
    flushRows: number;
    flushIntervalMs: number;
  };
  /** Facilitator event codes accepted in addition to the built-in taxonomy. */
  extraFacilitatorCodes: string[];
  /** Free-text notes on facilitator events are off by default (they risk becoming clinical notes). */
  allowFacilitatorNotes: boolean;
}

export class ConfigError extends Error {
  constructor(readonly problems: string[]) {
    super(`Invalid configuration:\n  - ${problems.join('\n  - ')}`);
    this.name = 'ConfigError';
  }
}

type Env = Record<string, string | undefined>;

export function loadAppConfig(env: Env = process.env): AppConfig {
  const problems: string[] = [];
  const read = new EnvReader(env, problems);

  const databaseUrl = read.optionalString('DATABASE_URL');
  if (databaseUrl !== undefined && !/^postgres(ql)?:\/\//.test(databaseUrl)) {
    problems.push('DATABASE_URL must start with postgres:// or postgresql://');
  }
  const dataDir = read.optionalString('ATTUNE_DATA_DIR') ?? './data';

  const config: AppConfig = {
    port: read.integer('PORT', 3000, 0, 65535),
    databaseUrl,
    dataDir: isAbsolute(dataDir) ? dataDir : resolve(process.cwd(), dataDir),
    adminToken: read.secret('ATTUNE_ADMIN_TOKEN'),
    tokenSecret: read.secret('ATTUNE_TOKEN_SECRET'),
    ingestTokenTtlSeconds: read.integer('ATTUNE_INGEST_TOKEN_TTL_SECONDS', 12 * 3600, 60, 30 * 24 * 3600),
    ingest: {
      maxPayloadBytes: read.integer('ATTUNE_INGEST_MAX_PAYLOAD_BYTES', 1024 * 1024, 1024, 64 * 1024 * 1024),
      maxEnvelopesPerBatch: read.integer('ATTUNE_INGEST_MAX_ENVELOPES_PER_BATCH', 500, 1, 100_000),
      maxMessagesPerEnvelope: read.integer('ATTUNE_INGEST_MAX_MESSAGES_PER_ENVELOPE', 200, 1, 100_000),
      rateLimitPerSecond: read.integer('ATTUNE_INGEST_RATE_PER_SECOND', 50, 1, 1_000_000),
      rateLimitBurst: read.integer('ATTUNE_INGEST_RATE_BURST', 200, 1, 10_000_000),
      maxBacklogBytes: read.integer('ATTUNE_INGEST_MAX_BACKLOG_MB', 32, 1, 4096) * 2 ** 20,
    },
    storage: {
      flushRows: read.integer('ATTUNE_STORAGE_FLUSH_ROWS', 5000, 1, 1_000_000),
      flushIntervalMs: read.integer('ATTUNE_STORAGE_FLUSH_INTERVAL_MS', 250, 10, 60_000),
    },
    extraFacilitatorCodes: read.list('ATTUNE_FACILITATOR_CODES', /^[a-z][a-z0-9-]{0,39}$/),
    allowFacilitatorNotes: read.boolean('ATTUNE_ALLOW_FACILITATOR_NOTES', false),
  };

  if (problems.length > 0) throw new ConfigError(problems);
  return config;
}

/** A generated secret for embedded mode, where nobody has configured one. */
export function generateSecret(): string {
  return randomBytes(32).toString('base64url');
}

class EnvReader {
  constructor(
    private readonly env: Env,
    private readonly problems: string[],
  ) {}

  optionalString(name: string): string | undefined {
    const value = this.env[name]?.trim();
    return value === undefined || value === '' ? undefined : value;
  }

  secret(name: string): string | undefined {
    const value = this.optionalString(name);
    if (value !== undefined && value.length < 16) {
      this.problems.push(`${name} must be at least 16 characters long`);
    }
    return value;
  }

  integer(name: string, fallback: number, min: number, max: number): number {
    const raw = this.optionalString(name);
    if (raw === undefined) return fallback;
    const value = Number(raw);
    if (!Number.isInteger(value) || value < min || value > max) {
      this.problems.push(`${name} must be a whole number from ${min} to ${max} (got "${raw}")`);
      return fallback;
    }
    return value;
  }

  boolean(name: string, fallback: boolean): boolean {
    const raw = this.optionalString(name);
    if (raw === undefined) return fallback;
    if (['1', 'true', 'yes', 'on'].includes(raw.toLowerCase())) return true;
    if (['0', 'false', 'no', 'off'].includes(raw.toLowerCase())) return false;
    this.problems.push(`${name} must be true or false (got "${raw}")`);
    return fallback;
  }

  list(name: string, itemPattern: RegExp): string[] {
    const raw = this.optionalString(name);
    if (raw === undefined) return [];
    const items = raw
      .split(',')
      .map((item) => item.trim())
      .filter((item) => item !== '');
    const bad = items.filter((item) => !itemPattern.test(item));
    if (bad.length > 0) this.problems.push(`${name} has invalid entries: ${bad.join(', ')}`);
    return items.filter((item) => itemPattern.test(item));
  }
}
