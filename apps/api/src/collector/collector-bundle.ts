import { Injectable, ServiceUnavailableException } from '@nestjs/common';
import { readFile, stat } from 'node:fs/promises';
import { join } from 'node:path';
import { repositoryRoot } from '../bootstrap/paths';

export type CollectorFile = 'collector.js' | 'collector.js.map';

export interface CollectorAsset {
  body: Buffer;
  contentType: string;
}

const CONTENT_TYPES: Record<CollectorFile, string> = {
  'collector.js': 'text/javascript; charset=utf-8',
  'collector.js.map': 'application/json; charset=utf-8',
};

/**
 * The built browser collector (dist/collector, from `npm run build:collector`). Read from disk
 * and kept while its modification time is unchanged, so a rebuild is served without a restart.
 */
@Injectable()
export class CollectorBundle {
  private readonly directory = join(repositoryRoot(), 'dist', 'collector');
  private readonly cache = new Map<CollectorFile, { modifiedMs: number; asset: CollectorAsset }>();

  async read(file: CollectorFile): Promise<CollectorAsset> {
    const path = join(this.directory, file);
    const info = await stat(path).catch(() => undefined);
    if (!info) {
      throw new ServiceUnavailableException(`${file} is not built: run \`npm run build:collector\``);
    }
    const cached = this.cache.get(file);
    if (cached && cached.modifiedMs === info.mtimeMs) return cached.asset;
    const asset = { body: await readFile(path), contentType: CONTENT_TYPES[file] };
    this.cache.set(file, { modifiedMs: info.mtimeMs, asset });
    return asset;
  }
}
