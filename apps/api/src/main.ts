import 'reflect-metadata';
import { Logger } from '@nestjs/common';
import { createAttuneApp } from './bootstrap/create-app';
import { applyHeapPolicy } from './bootstrap/heap-policy';
import { ConfigError, loadAppConfig } from './config/app-config';

async function main(): Promise<void> {
  applyHeapPolicy();
  const config = loadAppConfig();
  const { app, secrets } = await createAttuneApp(config);
  await app.listen(config.port);
  const logger = new Logger('Attune');
  const url = `http://localhost:${config.port}`;
  logger.log(`Attune is running at ${url} (API docs: ${url}/api/docs)`);
  logger.log(config.databaseUrl ? 'Storage: PostgreSQL' : `Storage: embedded database in ${config.dataDir}`);
  if (secrets.generatedAdminToken) {
    // Printed once, on first start only: the data directory keeps just its hash.
    process.stdout.write(
      `\nAdmin token (shown only now; keep it safe):\n\n    ${secrets.generatedAdminToken}\n\n` +
        'Use it as "Authorization: Bearer <token>" for the management API.\n\n',
    );
  }
}

main().catch((error: unknown) => {
  if (error instanceof ConfigError) {
    process.stderr.write(`${error.message}\n`);
  } else {
    process.stderr.write(
      `Attune failed to start: ${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`,
    );
  }
  process.exit(1);
});
