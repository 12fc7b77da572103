import { mkdtempSync, readFileSync, rmSync, statSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { ConfigError, loadAppConfig } from './app-config';
import { adminTokenMatches, resolveSecrets } from './secrets';

describe(resolveSecrets.name, () => {
  let dataDir: string;
  beforeEach(() => (dataDir = mkdtempSync(join(tmpdir(), 'attune-secrets-'))));
  afterEach(() => rmSync(dataDir, { recursive: true, force: true }));

  it('generates an admin token once in embedded mode and keeps only its hash', () => {
    const config = loadAppConfig({ ATTUNE_DATA_DIR: dataDir });
    const first = resolveSecrets(config);
    expect(first.generatedAdminToken).toMatch(/^[\w-]{40,}$/);
    const stored = readFileSync(join(dataDir, 'secrets.json'), 'utf8');
    expect(stored).not.toContain(first.generatedAdminToken);
    expect(statSync(join(dataDir, 'secrets.json')).mode & 0o777).toBe(0o600);

    const second = resolveSecrets(config);
    expect(second.generatedAdminToken).toBeUndefined();
    expect(second.tokenSecret).toBe(first.tokenSecret);
    expect(adminTokenMatches(second, first.generatedAdminToken!)).toBe(true);
    expect(adminTokenMatches(second, 'guess')).toBe(false);
  });

  it('requires both secrets from the environment when PostgreSQL is configured', () => {
    const config = loadAppConfig({ DATABASE_URL: 'postgres://localhost/attune', ATTUNE_DATA_DIR: dataDir });
    expect(() => resolveSecrets(config)).toThrow(ConfigError);
    expect(() => resolveSecrets(config)).toThrow(/ATTUNE_ADMIN_TOKEN is required.*\n.*ATTUNE_TOKEN_SECRET is required/);
  });

  it('uses configured secrets as they are', () => {
    const config = loadAppConfig({
      DATABASE_URL: 'postgres://localhost/attune',
      ATTUNE_ADMIN_TOKEN: 'admin-token-0123456789',
      ATTUNE_TOKEN_SECRET: 'signing-secret-0123456789',
    });
    const secrets = resolveSecrets(config);
    expect(secrets.tokenSecret).toBe('signing-secret-0123456789');
    expect(adminTokenMatches(secrets, 'admin-token-0123456789')).toBe(true);
  });
});
