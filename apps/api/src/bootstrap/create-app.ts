import { INestApplication, ValidationPipe } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import { NestExpressApplication } from '@nestjs/platform-express';
import { DocumentBuilder, SwaggerModule } from '@nestjs/swagger';
import { json } from 'express';
import { AppModule } from '../app.module';
import { bodyParserErrors } from '../common/body-parser-errors';
import { ErrorFilter } from '../common/error.filter';
import { ingestCors } from '../common/ingest-cors';
import { AppConfig } from '../config/app-config';
import { resolveSecrets, Secrets } from '../config/secrets';
import { IngestSocketServer } from '../ingest/ingest-socket.server';
import { LiveIoAdapter } from '../live/live-io.adapter';
import { dashboardDirectory } from './paths';

export interface AttuneApp {
  app: INestApplication;
  secrets: Secrets;
}

/**
 * Builds the whole server: the same function serves `npm start`, the e2e tests and the
 * benchmarks, so they all run what users run.
 */
export async function createAttuneApp(config: AppConfig, options: { logger?: false } = {}): Promise<AttuneApp> {
  const secrets = resolveSecrets(config);
  const app = await NestFactory.create<NestExpressApplication>(AppModule.forRoot(config, secrets), {
    bodyParser: false,
    ...(options.logger === false ? { logger: false } : {}),
  });
  app.use(ingestCors);
  app.use(json({ limit: config.ingest.maxPayloadBytes }));
  app.use(bodyParserErrors);
  app.useGlobalPipes(new ValidationPipe({ whitelist: true, forbidNonWhitelisted: true, transform: true }));
  app.useGlobalFilters(new ErrorFilter());
  app.enableShutdownHooks();
  app.useWebSocketAdapter(new LiveIoAdapter(app));
  app.useStaticAssets(dashboardDirectory(), { index: 'index.html' });

  const openApi = new DocumentBuilder()
    .setTitle('Attune API')
    .setDescription('Session analytics for online therapy groups, from metadata alone.')
    .setVersion('1')
    .addBearerAuth()
    .build();
  SwaggerModule.setup('api/docs', app, () => SwaggerModule.createDocument(app, openApi));

  await app.init();
  app.get(IngestSocketServer).attach(app.getHttpServer());
  return { app, secrets };
}
