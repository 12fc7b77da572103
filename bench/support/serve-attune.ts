// Runs the real Attune server in its own process for the benchmarks, so the load generator
// does not share its event loop. Prints one line, "listening <port>", when ready.
import 'reflect-metadata';
import { createAttuneApp } from '../../apps/api/src/bootstrap/create-app';
import { applyHeapPolicy } from '../../apps/api/src/bootstrap/heap-policy';
import { loadAppConfig } from '../../apps/api/src/config/app-config';

async function main(): Promise<void> {
  applyHeapPolicy(); // as main.ts
  const config = loadAppConfig();
  const { app } = await createAttuneApp(config, { logger: false });
  await app.listen(0, '127.0.0.1');
  const address = (app.getHttpServer() as { address(): { port: number } }).address();
  process.stdout.write(`listening ${address.port}\n`);
  process.on('SIGTERM', () => {
    void app.close().then(() => process.exit(0));
  });
}

main().catch((error: unknown) => {
  process.stderr.write(`${error instanceof Error ? (error.stack ?? error.message) : String(error)}\n`);
  process.exit(1);
});
