import { createHash, timingSafeEqual } from 'node:crypto';
import { chmodSync, existsSync, mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { AppConfig, ConfigError, generateSecret } from './app-config';

/**
 * The secrets the server runs with. The admin token itself is never kept: only its hash,
 * so neither a config dump nor the data directory reveals it.
 */
export interface Secrets {
  tokenSecret: string;
  adminTokenSha256: Buffer;
  /** Set only on the first start in embedded mode: the token to print once. */
  generatedAdminToken?: string;
}

interface StoredSecrets {
  tokenSecret: string;
  adminTokenSha256: string;
}

const SECRETS_FILE = 'secrets.json';

/**
 * With PostgreSQL (a deployment) both secrets must come from the environment. In embedded
 * mode (`npm start` on a laptop) they are generated on first start and kept in the data
 * directory, so the newcomer's two commands need no set-up.
 */
export function resolveSecrets(config: AppConfig): Secrets {
  const stored =
    config.databaseUrl === undefined ? readOrCreateStoredSecrets(config.dataDir, config.adminToken) : undefined;
  const tokenSecret = config.tokenSecret ?? stored?.secrets.tokenSecret;
  const adminTokenSha256 =
    config.adminToken !== undefined ? sha256(config.adminToken) : stored?.secrets.adminTokenSha256;
  if (tokenSecret === undefined || adminTokenSha256 === undefined) {
    const missing = [
      ...(config.adminToken === undefined ? ['ATTUNE_ADMIN_TOKEN'] : []),
      ...(config.tokenSecret === undefined ? ['ATTUNE_TOKEN_SECRET'] : []),
    ];
    throw new ConfigError(missing.map((name) => `${name} is required when DATABASE_URL is set`));
  }
  return {
    tokenSecret,
    adminTokenSha256: Buffer.from(adminTokenSha256, 'hex'),
    ...(stored?.generatedAdminToken !== undefined ? { generatedAdminToken: stored.generatedAdminToken } : {}),
  };
}

export function adminTokenMatches(secrets: Secrets, candidate: string): boolean {
  return timingSafeEqual(Buffer.from(sha256(candidate), 'hex'), secrets.adminTokenSha256);
}

function readOrCreateStoredSecrets(
  dataDir: string,
  configuredAdminToken: string | undefined,
): { secrets: StoredSecrets; generatedAdminToken?: string } {
  const file = join(dataDir, SECRETS_FILE);
  if (existsSync(file)) {
    return { secrets: JSON.parse(readFileSync(file, 'utf8')) as StoredSecrets };
  }
  const generatedAdminToken = configuredAdminToken === undefined ? generateSecret() : undefined;
  const secrets: StoredSecrets = {
    tokenSecret: generateSecret(),
    adminTokenSha256: sha256(configuredAdminToken ?? generatedAdminToken ?? ''),
  };
  mkdirSync(dataDir, { recursive: true });
  writeFileSync(file, JSON.stringify(secrets, null, 2), { mode: 0o600 });
  chmodSync(file, 0o600);
  return generatedAdminToken === undefined ? { secrets } : { secrets, generatedAdminToken };
}

function sha256(value: string): string {
  return createHash('sha256').update(value).digest('hex');
}
