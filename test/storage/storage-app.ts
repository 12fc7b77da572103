import 'reflect-metadata';
import type { LoggerService } from '@nestjs/common';
import { Test, type TestingModule } from '@nestjs/testing';
import { DataSource } from 'typeorm';
import { loadAppConfig } from '../../apps/api/src/config/app-config';
import { ConfigModule } from '../../apps/api/src/config/config.module';
import { createDataSourceOptions, type StorageConfig } from '../../apps/api/src/storage/data-source';
import { StorageModule } from '../../apps/api/src/storage/storage.module';

/** Collects what the storage code logs, so tests can check it says no more than it should. */
export class CapturingLogger implements LoggerService {
  readonly lines: string[] = [];

  log(message: unknown): void {
    this.lines.push(String(message));
  }

  error(message: unknown): void {
    this.lines.push(String(message));
  }

  warn(message: unknown): void {
    this.lines.push(String(message));
  }
}

export interface StorageApp {
  readonly module: TestingModule;
  readonly storage: StorageConfig;
  readonly logger: CapturingLogger;
  readonly dataSource: DataSource;
  close(): Promise<void>;
}

export interface StorageAppOptions {
  flushRows?: number;
  flushIntervalMs?: number;
}

/** StorageModule as the application wires it: the real config module, migrations at start-up. */
export async function startStorageApp(storage: StorageConfig, options: StorageAppOptions = {}): Promise<StorageApp> {
  const config = loadAppConfig({
    ...(storage.databaseUrl !== undefined ? { DATABASE_URL: storage.databaseUrl } : {}),
    ATTUNE_DATA_DIR: storage.dataDir,
    ATTUNE_STORAGE_FLUSH_ROWS: String(options.flushRows ?? 100),
    ATTUNE_STORAGE_FLUSH_INTERVAL_MS: String(options.flushIntervalMs ?? 50),
  });
  const logger = new CapturingLogger();
  const module = await Test.createTestingModule({ imports: [ConfigModule.forRoot(config), StorageModule] })
    .setLogger(logger)
    .compile();
  await module.init();
  return {
    module,
    storage,
    logger,
    dataSource: module.get(DataSource),
    close: () => module.close(),
  };
}

/** A bare DataSource on the same database, for checking what an app really stored. */
export async function withDataSource<T>(
  storage: StorageConfig,
  use: (dataSource: DataSource) => Promise<T>,
): Promise<T> {
  const dataSource = await new DataSource(createDataSourceOptions(storage)).initialize();
  try {
    return await use(dataSource);
  } finally {
    await dataSource.destroy();
  }
}

export async function waitFor(condition: () => Promise<boolean> | boolean, timeoutMs = 10_000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!(await condition())) {
    if (Date.now() > deadline) throw new Error(`Condition not met within ${timeoutMs} ms`);
    await new Promise((resolve) => setTimeout(resolve, 20));
  }
}

export function sleep(ms: number): Promise<void> {
  return new Promise((resolve) => setTimeout(resolve, ms));
}
