import * as path from 'node:path';

/** A file's name without its folder or (last) extension: the fallback participant id. */
export function fileNameWithoutExtension(file: string): string {
  return path.parse(path.basename(file)).name;
}
