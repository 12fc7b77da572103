import { existsSync, readFileSync } from 'node:fs';
import * as path from 'node:path';

/** The repository root: the nearest folder above `start` whose package.json is named "attune". */
export function repositoryRoot(start = __dirname): string {
  for (let folder = start; ; folder = path.dirname(folder)) {
    const manifest = path.join(folder, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: unknown }).name === 'attune') {
      return folder;
    }
    if (path.dirname(folder) === folder) throw new Error(`no package.json named "attune" above ${start}`);
  }
}

/** Real rtcstats dumps (jitsi/rtcstats-server, MIT), in the shared fixtures beside the repository. */
export const RTCSTATS_DUMPS_FOLDER = path.resolve(repositoryRoot(), '..', 'shared', 'fixtures', 'rtcstats-dumps');

/** Every dump there, named so that a missing one fails the tests instead of shrinking them. */
export const RTCSTATS_DUMP_NAMES = [
  '59c86272-03ea-42e9-a62d-1c8a272e8ab0',
  'chrome-relay',
  'chrome-standard-multiple-p2p',
  'chrome96-standard-stats-p2p-add-transceiver',
  'firefox-standard-stats-sfu',
  'google-standard-stats-p2p',
  'google-standard-stats-sfu',
  'safari-standard-stats',
] as const;

export function rtcstatsDumpPath(name: (typeof RTCSTATS_DUMP_NAMES)[number]): string {
  return path.join(RTCSTATS_DUMPS_FOLDER, name);
}
