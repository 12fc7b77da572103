import { Module } from '@nestjs/common';
import { CollectorBundle } from './collector-bundle';
import { CollectorController } from './collector.controller';

/** The browser collector bundle, served at /collector.js. */
@Module({ controllers: [CollectorController], providers: [CollectorBundle] })
export class CollectorModule {}
