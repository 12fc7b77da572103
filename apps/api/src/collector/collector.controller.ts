import { Controller, Get, Res } from '@nestjs/common';
import { ApiExcludeController } from '@nestjs/swagger';
import type { Response } from 'express';
import { CollectorAsset, CollectorBundle } from './collector-bundle';

/**
 * Serves the browser collector to video apps on any origin (`import * as attune from
 * 'https://…/collector.js'` is a cross-origin module load, so CORS is required). The URL is
 * not versioned, so caches keep it briefly and revalidate by ETag.
 */
@ApiExcludeController()
@Controller()
export class CollectorController {
  constructor(private readonly bundle: CollectorBundle) {}

  @Get('collector.js')
  async script(@Res() response: Response): Promise<void> {
    send(response, await this.bundle.read('collector.js'));
  }

  @Get('collector.js.map')
  async sourceMap(@Res() response: Response): Promise<void> {
    send(response, await this.bundle.read('collector.js.map'));
  }
}

function send(response: Response, asset: CollectorAsset): void {
  response.setHeader('Access-Control-Allow-Origin', '*');
  response.setHeader('Cache-Control', 'public, max-age=300, must-revalidate');
  response.type(asset.contentType).send(asset.body);
}
