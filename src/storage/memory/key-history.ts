/** One version of a key in the memory store's history; a tombstone marks a deletion. */
export interface Version {
  readonly revision: number;
  readonly createRevision: number;
  readonly value: Uint8Array;
  readonly deleted: boolean;
  /** The revision of the version this one replaced (0 for a creation). */
  readonly prevRevision: number;
  /** Lease expiry in ms since the epoch, or 0 for none. */
  readonly expiresAt: number;
}

/** The index of the last element of a sorted array that is <= `target` (by `at`), or -1. */
export function lastAtOrBefore<T>(items: readonly T[], target: number, at: (item: T) => number): number {
  let lo = 0;
  let hi = items.length - 1;
  let found = -1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (at(items[mid] as T) <= target) {
      found = mid;
      lo = mid + 1;
    } else {
      hi = mid - 1;
    }
  }
  return found;
}

/** Sorted set of strings with range iteration; inserts keep the order by binary search. */
export class SortedKeys {
  private readonly keys: string[] = [];

  insert(key: string): void {
    const i = this.lowerBound(key);
    if (this.keys[i] !== key) this.keys.splice(i, 0, key);
  }

  remove(key: string): void {
    const i = this.lowerBound(key);
    if (this.keys[i] === key) this.keys.splice(i, 1);
  }

  /** Keys in [from, to), in order. */
  *range(from: string, to: string): Generator<string> {
    for (let i = this.lowerBound(from); i < this.keys.length; i++) {
      const key = this.keys[i] as string;
      if (key >= to) return;
      yield key;
    }
  }

  private lowerBound(key: string): number {
    let lo = 0;
    let hi = this.keys.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.keys[mid] as string) < key) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }
}
