import { ConfigError, loadAppConfig } from './app-config';

describe(loadAppConfig.name, () => {
  it('gives the documented defaults for an empty environment', () => {
    const config = loadAppConfig({});
    expect(config).toMatchObject({
      port: 3000,
      databaseUrl: undefined,
      ingest: { maxPayloadBytes: 1024 * 1024, rateLimitPerSecond: 50, rateLimitBurst: 200 },
      storage: { flushRows: 5000, flushIntervalMs: 250 },
      allowFacilitatorNotes: false,
      extraFacilitatorCodes: [],
    });
    expect(config.dataDir).toMatch(/data$/);
  });

  it('reads every variable it documents', () => {
    const config = loadAppConfig({
      PORT: '8080',
      DATABASE_URL: 'postgres://attune@db/attune',
      ATTUNE_DATA_DIR: '/var/lib/attune',
      ATTUNE_ADMIN_TOKEN: 'a'.repeat(20),
      ATTUNE_TOKEN_SECRET: 'b'.repeat(20),
      ATTUNE_FACILITATOR_CODES: 'grounding, check-in',
      ATTUNE_ALLOW_FACILITATOR_NOTES: 'yes',
    });
    expect(config).toMatchObject({
      port: 8080,
      databaseUrl: 'postgres://attune@db/attune',
      dataDir: '/var/lib/attune',
      extraFacilitatorCodes: ['grounding', 'check-in'],
      allowFacilitatorNotes: true,
    });
  });

  it('fails fast with one message naming every bad variable', () => {
    const load = () =>
      loadAppConfig({
        PORT: 'eighty',
        DATABASE_URL: 'mysql://nope',
        ATTUNE_ADMIN_TOKEN: 'short',
        ATTUNE_ALLOW_FACILITATOR_NOTES: 'maybe',
        ATTUNE_FACILITATOR_CODES: 'ok-code,Not OK',
      });
    expect(load).toThrow(ConfigError);
    try {
      load();
    } catch (error) {
      const { problems } = error as ConfigError;
      expect(problems).toEqual([
        'DATABASE_URL must start with postgres:// or postgresql://',
        'PORT must be a whole number from 0 to 65535 (got "eighty")',
        'ATTUNE_ADMIN_TOKEN must be at least 16 characters long',
        'ATTUNE_FACILITATOR_CODES has invalid entries: Not OK',
        'ATTUNE_ALLOW_FACILITATOR_NOTES must be true or false (got "maybe")',
      ]);
    }
  });
});
