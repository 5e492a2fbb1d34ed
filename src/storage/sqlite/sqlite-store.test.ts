import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { runStoreConformance } from '../store.conformance.js';
import { openSqliteStore } from './sqlite-store.js';

runStoreConformance('sqlite', async () => {
  const dir = mkdtempSync(join(tmpdir(), 'skiff-sqlite-'));
  const store = openSqliteStore({ file: join(dir, 'state.db'), leaseSweepMs: 200 });
  return { store, cleanup: async () => rmSync(dir, { recursive: true, force: true }) };
});
