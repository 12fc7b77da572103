import type { Stats } from 'node:fs';
import { open, readdir, readFile, stat } from 'node:fs/promises';
import { DETECTION_SAMPLE_BYTES, detectRecordingFormat } from './detect-recording-format';
import { RecordingImportError } from './recording-import-error';
import type { RecordingFormat } from './recording-types';

/** The format of a file from its first bytes; undefined when it is not a recording. */
export async function detectFileFormat(file: string): Promise<RecordingFormat | undefined> {
  const handle = await open(file, 'r').catch((error: unknown) => cannotRead(file, error));
  try {
    const sample = Buffer.alloc(DETECTION_SAMPLE_BYTES);
    const { bytesRead } = await handle.read(sample, 0, sample.length, 0);
    return detectRecordingFormat(sample.subarray(0, bytesRead));
  } catch (error) {
    return cannotRead(file, error);
  } finally {
    await handle.close();
  }
}

export async function statOf(file: string): Promise<Stats> {
  return stat(file).catch((error: unknown) => cannotRead(file, error));
}

/** The names in a folder, sorted so that imports are repeatable. */
export async function namesIn(folder: string): Promise<string[]> {
  const names = await readdir(folder).catch((error: unknown) => cannotRead(folder, error));
  return names.sort();
}

export async function readWhole(file: string): Promise<string> {
  return readFile(file, 'utf8').catch((error: unknown) => cannotRead(file, error));
}

export function cannotRead(file: string, error: unknown): never {
  const message = typeof error === 'object' && error !== null && 'message' in error ? error.message : undefined;
  const reason = systemErrorCode(error) ?? (typeof message === 'string' ? message : 'unknown error');
  throw new RecordingImportError(file, `cannot be read (${reason})`);
}

/**
 * ENOENT, EACCES, EISDIR…: Node's messages repeat the path, the code alone says it. Read without
 * `instanceof Error`, which fails for errors made in another realm (a test runner's VM context).
 */
export function systemErrorCode(error: unknown): string | undefined {
  const code = typeof error === 'object' && error !== null && 'code' in error ? error.code : undefined;
  return typeof code === 'string' ? code : undefined;
}
