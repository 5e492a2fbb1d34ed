import { chmodSync, mkdirSync, readFileSync, renameSync, writeFileSync } from 'node:fs';
import { PkiError } from './pki-error.js';

/** Owner-only permissions for key material and the folder that holds it. */
export const PRIVATE_FILE_MODE = 0o600;
export const PRIVATE_DIR_MODE = 0o700;

/** Creates `dir` (and parents) if missing and makes it owner-only (0700), also when it already existed. */
export function ensurePrivateDir(dir: string): void {
  mkdirSync(dir, { recursive: true, mode: PRIVATE_DIR_MODE });
  chmodSync(dir, PRIVATE_DIR_MODE);
}

/**
 * Reads a text file, or returns undefined when it does not exist.
 * @throws PkiError when the file exists but cannot be read (permissions, a folder in its place, …).
 */
export function readOptionalFile(path: string): string | undefined {
  try {
    return readFileSync(path, 'utf8');
  } catch (err) {
    if ((err as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw new PkiError(path, `cannot read ${path}: ${(err as Error).message}`, { cause: err });
  }
}

/**
 * Writes `data` to `path` with mode 0600, atomically: readers see the old content or the new, never a
 * partial file (a crash mid-write leaves only a stray `.tmp` file beside it).
 */
export function writePrivateFile(path: string, data: string): void {
  const tmp = `${path}.${process.pid}.tmp`;
  writeFileSync(tmp, data, { mode: PRIVATE_FILE_MODE });
  chmodSync(tmp, PRIVATE_FILE_MODE); // the mode option applies only when the file is created
  renameSync(tmp, path);
}
