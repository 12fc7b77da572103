import { existsSync, readFileSync } from 'node:fs';
import { dirname, join } from 'node:path';

/**
 * The repository root, found by walking up from this file: the same code runs from
 * `apps/api/src` (tests) and from `dist/…` (npm start), at different depths.
 */
export function repositoryRoot(): string {
  let directory = __dirname;
  for (;;) {
    const manifest = join(directory, 'package.json');
    if (existsSync(manifest) && (JSON.parse(readFileSync(manifest, 'utf8')) as { name?: string }).name === 'attune') {
      return directory;
    }
    const parent = dirname(directory);
    if (parent === directory) throw new Error('Cannot find the Attune repository root above ' + __dirname);
    directory = parent;
  }
}

/** The built dashboard when it exists, else a page that says how to build it. */
export function dashboardDirectory(): string {
  const root = repositoryRoot();
  const built = join(root, 'dist', 'dashboard');
  return existsSync(join(built, 'index.html')) ? built : join(root, 'apps', 'dashboard', 'public');
}
