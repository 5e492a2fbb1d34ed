/**
 * A map that keeps at most `capacity` entries, forgetting the least recently used one (upstream's groupcache
 * LRU, as the event correlator's caches use it). `get` and `set` both count as a use. The order is a doubly
 * linked list beside the map, so every operation is O(1) (re-inserting into a Map to reorder it leaves
 * tombstones that each eviction's scan for the oldest key walks again).
 */
interface Entry<K, V> {
  readonly key: K;
  value: V;
  /** Towards the most recently used end. */
  newer: Entry<K, V> | undefined;
  /** Towards the least recently used end. */
  older: Entry<K, V> | undefined;
}

export class LruCache<K, V> {
  private readonly entries = new Map<K, Entry<K, V>>();
  private newest: Entry<K, V> | undefined;
  private oldest: Entry<K, V> | undefined;

  /** @throws RangeError when `capacity` is not a positive integer. */
  constructor(readonly capacity: number) {
    if (!Number.isInteger(capacity) || capacity < 1) {
      throw new RangeError(`capacity must be a positive integer, got ${capacity}`);
    }
  }

  get size(): number {
    return this.entries.size;
  }

  /** The value under `key` (which becomes the most recently used), or undefined. */
  get(key: K): V | undefined {
    const entry = this.entries.get(key);
    if (entry === undefined) return undefined;
    this.unlink(entry);
    this.pushNewest(entry);
    return entry.value;
  }

  /** Stores `value` under `key` as the most recently used entry, evicting the least recently used if full. */
  set(key: K, value: V): void {
    const existing = this.entries.get(key);
    if (existing !== undefined) {
      existing.value = value;
      this.unlink(existing);
      this.pushNewest(existing);
      return;
    }
    const entry: Entry<K, V> = { key, value, newer: undefined, older: undefined };
    this.entries.set(key, entry);
    this.pushNewest(entry);
    if (this.entries.size > this.capacity && this.oldest !== undefined) {
      const evicted = this.oldest;
      this.unlink(evicted);
      this.entries.delete(evicted.key);
    }
  }

  private unlink(entry: Entry<K, V>): void {
    if (entry.newer === undefined) this.newest = entry.older;
    else entry.newer.older = entry.older;
    if (entry.older === undefined) this.oldest = entry.newer;
    else entry.older.newer = entry.newer;
    entry.newer = undefined;
    entry.older = undefined;
  }

  private pushNewest(entry: Entry<K, V>): void {
    entry.older = this.newest;
    if (this.newest === undefined) this.oldest = entry;
    else this.newest.newer = entry;
    this.newest = entry;
  }
}
