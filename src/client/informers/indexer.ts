/**
 * Indexer: the informer's cache. Objects by key (`namespace/name`), plus named indexes (index value → keys)
 * kept up to date on every write; the `namespace` index is always there. JavaScript runs one callback at a
 * time, so the store needs no locks: a read never sees a half-applied write.
 *
 * Objects handed out are the cached ones, not copies: callers must not mutate them.
 */
import type { KubeObject } from '../kube-object.js';
import { objectKey } from './object-key.js';

/** The index values of an object (e.g. its namespace, its node name); empty for none. */
export type IndexFunc<T> = (obj: T) => readonly string[];
export type Indexers<T> = Readonly<Record<string, IndexFunc<T>>>;

/** The name of the built-in index by namespace ('' for cluster-scoped objects). */
export const NAMESPACE_INDEX = 'namespace';

export const namespaceIndexFunc = (obj: KubeObject): string[] => [obj.metadata?.namespace ?? ''];

/** The read side of a cache: what listers and the DeltaFIFO need. */
export interface Store<T> {
  getByKey(key: string): T | undefined;
  listKeys(): string[];
  list(): T[];
}

export class Indexer<T extends KubeObject> implements Store<T> {
  private readonly items = new Map<string, T>();
  private readonly indexers = new Map<string, IndexFunc<T>>();
  /** index name → index value → keys. */
  private readonly indices = new Map<string, Map<string, Set<string>>>();

  constructor(
    indexers: Indexers<T> = {},
    private readonly keyOf: (obj: T) => string = objectKey,
  ) {
    this.addIndexers({ [NAMESPACE_INDEX]: namespaceIndexFunc, ...indexers });
  }

  /**
   * Adds indexes, built at once over the objects already cached.
   * @throws Error when an index of that name exists.
   */
  addIndexers(indexers: Indexers<T>): void {
    for (const [name, fn] of Object.entries(indexers)) {
      if (this.indexers.has(name)) throw new Error(`indexer conflict: ${name}`);
      this.indexers.set(name, fn);
      this.indices.set(name, new Map());
      for (const [key, obj] of this.items) this.indexOne(name, fn, key, obj);
    }
  }

  /** Inserts or replaces the object under its key. */
  add(obj: T): void {
    this.put(this.keyOf(obj), obj);
  }

  /** Same as add. */
  update(obj: T): void {
    this.put(this.keyOf(obj), obj);
  }

  /** Removes the object with obj's key, if cached. */
  delete(obj: T): void {
    this.deleteByKey(this.keyOf(obj));
  }

  deleteByKey(key: string): void {
    const old = this.items.get(key);
    if (old === undefined) return;
    this.unindex(key, old);
    this.items.delete(key);
  }

  /** Replaces the whole content with `items`. */
  replace(items: readonly T[]): void {
    this.items.clear();
    for (const index of this.indices.values()) index.clear();
    for (const obj of items) this.put(this.keyOf(obj), obj);
  }

  get(obj: T): T | undefined {
    return this.items.get(this.keyOf(obj));
  }

  getByKey(key: string): T | undefined {
    return this.items.get(key);
  }

  list(): T[] {
    return [...this.items.values()];
  }

  listKeys(): string[] {
    return [...this.items.keys()];
  }

  /** The objects sharing at least one value of index `indexName` with `obj`. @throws for an unknown index. */
  index(indexName: string, obj: T): T[] {
    const fn = this.indexFunc(indexName);
    const keys = new Set<string>();
    for (const value of fn(obj)) for (const key of this.indices.get(indexName)?.get(value) ?? []) keys.add(key);
    return this.objectsOf(keys);
  }

  /** The objects whose index `indexName` holds `value`. @throws for an unknown index. */
  byIndex(indexName: string, value: string): T[] {
    return this.objectsOf(this.indexKeys(indexName, value));
  }

  /** The keys of the objects whose index `indexName` holds `value`. @throws for an unknown index. */
  indexKeys(indexName: string, value: string): string[] {
    this.indexFunc(indexName);
    return [...(this.indices.get(indexName)?.get(value) ?? [])];
  }

  /** Every value index `indexName` currently holds. @throws for an unknown index. */
  listIndexFuncValues(indexName: string): string[] {
    this.indexFunc(indexName);
    return [...(this.indices.get(indexName)?.keys() ?? [])];
  }

  private indexFunc(indexName: string): IndexFunc<T> {
    const fn = this.indexers.get(indexName);
    if (fn === undefined) throw new Error(`index with name ${indexName} does not exist`);
    return fn;
  }

  private objectsOf(keys: Iterable<string>): T[] {
    const out: T[] = [];
    for (const key of keys) {
      const obj = this.items.get(key);
      if (obj !== undefined) out.push(obj);
    }
    return out;
  }

  private put(key: string, obj: T): void {
    const old = this.items.get(key);
    if (old !== undefined) this.unindex(key, old);
    this.items.set(key, obj);
    for (const [name, fn] of this.indexers) this.indexOne(name, fn, key, obj);
  }

  private indexOne(name: string, fn: IndexFunc<T>, key: string, obj: T): void {
    const index = this.indices.get(name);
    if (index === undefined) return;
    for (const value of fn(obj)) {
      let keys = index.get(value);
      if (keys === undefined) index.set(value, (keys = new Set()));
      keys.add(key);
    }
  }

  private unindex(key: string, obj: T): void {
    for (const [name, fn] of this.indexers) {
      const index = this.indices.get(name);
      for (const value of fn(obj)) {
        const keys = index?.get(value);
        keys?.delete(key);
        if (keys?.size === 0) index?.delete(value);
      }
    }
  }
}
