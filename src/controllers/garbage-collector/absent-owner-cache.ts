/**
 * The owners known not to exist (upstream ReferenceCache): a small LRU of identities, so that thousands of
 * dependents of one deleted owner need one lookup, not thousands.
 */
import { type ObjectIdentity, identityKey } from './object-identity.js';

/** Upstream's size. */
export const ABSENT_OWNER_CACHE_SIZE = 500;

export class AbsentOwnerCache {
  private readonly keys = new Set<string>();

  constructor(private readonly capacity = ABSENT_OWNER_CACHE_SIZE) {}

  /** Records that `id` does not exist (evicting the least recently used entry when full). */
  add(id: ObjectIdentity): void {
    const key = identityKey(id);
    this.keys.delete(key);
    this.keys.add(key);
    if (this.keys.size > this.capacity) {
      const oldest = this.keys.values().next();
      if (oldest.done !== true) this.keys.delete(oldest.value);
    }
  }

  /** Whether `id` is recorded as absent (which makes it the most recently used). */
  has(id: ObjectIdentity): boolean {
    const key = identityKey(id);
    if (!this.keys.has(key)) return false;
    this.keys.delete(key);
    this.keys.add(key);
    return true;
  }

  get size(): number {
    return this.keys.size;
  }
}
