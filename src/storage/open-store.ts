import { join } from 'node:path';
import { openEtcdStore } from './etcd/etcd-store.js';
import { StorageError, StorageErrorCode } from './errors.js';
import { MemoryStore } from './memory/memory-store.js';
import { openSqliteStore } from './sqlite/sqlite-store.js';
import type { Store } from './store.js';

/** A parsed `--store` flag. */
export type StoreSpec =
  | { readonly kind: 'sqlite'; readonly file: string }
  | { readonly kind: 'memory' }
  | { readonly kind: 'etcd'; readonly endpoints: string[] };

/**
 * Parses the `--store` flag: `sqlite` (the default: `DATA_DIR/state.db`), `memory`, or
 * `etcd://host:port[,host:port…]` (plain-text client URLs of the members).
 */
export function parseStoreSpec(flag: string, dataDir: string): StoreSpec {
  if (flag === 'sqlite' || flag === '') return { kind: 'sqlite', file: join(dataDir, 'state.db') };
  if (flag === 'memory') return { kind: 'memory' };
  if (flag.startsWith('etcd://')) {
    const hosts = flag
      .slice('etcd://'.length)
      .split(',')
      .filter((h) => h !== '');
    const bad = hosts.find((h) => !/^[A-Za-z0-9.\-[\]:]+:\d+$/.test(h));
    if (hosts.length === 0 || bad !== undefined) {
      throw new StorageError(StorageErrorCode.Unavailable, `--store ${flag}: expected etcd://host:port[,host:port…]`);
    }
    return { kind: 'etcd', endpoints: hosts.map((h) => `http://${h}`) };
  }
  throw new StorageError(
    StorageErrorCode.Unavailable,
    `--store ${flag}: expected sqlite, memory or etcd://host:port[,…]`,
  );
}

/** Opens the store a spec names. */
export async function openStore(spec: StoreSpec): Promise<Store> {
  switch (spec.kind) {
    case 'sqlite':
      return openSqliteStore({ file: spec.file });
    case 'memory':
      return new MemoryStore();
    case 'etcd':
      return openEtcdStore({ endpoints: spec.endpoints });
  }
}

/** A short description for logs: which backend, where. */
export function describeStore(spec: StoreSpec): string {
  switch (spec.kind) {
    case 'sqlite':
      return `sqlite ${spec.file}`;
    case 'memory':
      return 'memory (nothing persists)';
    case 'etcd':
      return `etcd ${spec.endpoints.join(',')}`;
  }
}
