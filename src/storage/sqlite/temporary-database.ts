/** For tests: a fresh database path per test of the calling suite, removed after each test. */
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { afterEach, beforeEach } from 'node:test';

/** Holds the current test's database file (`file`), in a directory of its own. */
export interface TemporaryDatabase {
  readonly file: string;
}

/** Call inside `describe`: registers the per-test setup and cleanup, and returns where the file is. */
export function temporaryDatabase(): TemporaryDatabase {
  const current = { dir: '', file: '' };
  beforeEach(() => {
    current.dir = mkdtempSync(join(tmpdir(), 'skiff-sqlite-'));
    current.file = join(current.dir, 'state.db');
  });
  afterEach(() => rmSync(current.dir, { recursive: true, force: true }));
  return {
    get file() {
      return current.file;
    },
  };
}
