/**
 * One constraint's matching-pod counts per domain as a scheduling cycle sees them (upstream's
 * TpValueToMatchNum entry): a private copy of a DomainCounter's numbers, which preemption may change and clone
 * without touching the counter. Domain ids come from the counter's index (shared: it only ever grows).
 */
import { CriticalPaths } from './critical-paths.js';
import type { DomainCounter } from './domain-counter.js';

const UNSET = 2147483647;

export class DomainCounts {
  private constructor(
    private readonly ids: ReadonlyMap<string, number>,
    private readonly names: readonly string[],
    /** Matching pods per domain id (ids below `counts.length`). */
    private readonly counts: Int32Array,
    /** 1 where the domain exists (has a counted node, or was touched by preemption). */
    private readonly present: Uint8Array,
    /** Existing domains. */
    private domains: number,
    /** Domains preemption touched that the index did not know when the copy was taken. */
    private extra: Map<string, number> | undefined,
  ) {}

  /** A snapshot of `counter`'s current counts. */
  static of(counter: DomainCounter): DomainCounts {
    const length = counter.domainNames.length;
    const counts = counter.podCounts.slice(0, length);
    const present = new Uint8Array(length);
    for (let id = 0; id < length; id++) present[id] = (counter.nodeCounts[id] as number) > 0 ? 1 : 0;
    return new DomainCounts(counter.domainIds, counter.domainNames, counts, present, counter.liveDomains, undefined);
  }

  /** How many domains exist. */
  get size(): number {
    return this.domains;
  }

  /** Matching pods in domain `value` (0 for an unknown domain). */
  get(value: string): number {
    const id = this.ids.get(value);
    if (id !== undefined && id < this.counts.length) return this.counts[id] as number;
    return this.extra?.get(value) ?? 0;
  }

  /** Adds `delta` to domain `value`, which then exists; returns its new count. */
  add(value: string, delta: number): number {
    const id = this.ids.get(value);
    if (id !== undefined && id < this.counts.length) {
      if (this.present[id] === 0) {
        this.present[id] = 1;
        this.domains++;
      }
      const count = (this.counts[id] as number) + delta;
      this.counts[id] = count;
      return count;
    }
    this.extra ??= new Map();
    const before = this.extra.get(value);
    if (before === undefined) this.domains++;
    const count = (before ?? 0) + delta;
    this.extra.set(value, count);
    return count;
  }

  /**
   * The two existing domains with the fewest matching pods, as upstream's criticalPaths would hold them after
   * seeing every domain in id order (the minimum first). One numeric pass, for 5,000 hostname domains too.
   */
  criticalPaths(): CriticalPaths {
    let id0 = -1;
    let id1 = -1;
    let c0 = UNSET;
    let c1 = UNSET;
    const counts = this.counts;
    const present = this.present;
    for (let id = 0; id < counts.length; id++) {
      if (present[id] !== 1) continue;
      const c = counts[id] as number;
      if (c < c0) {
        id1 = id0;
        c1 = c0;
        id0 = id;
        c0 = c;
      } else if (c < c1) {
        id1 = id;
        c1 = c;
      }
    }
    const paths = new CriticalPaths();
    if (id0 >= 0) paths.update(this.names[id0] as string, c0);
    if (id1 >= 0) paths.update(this.names[id1] as string, c1);
    this.extra?.forEach((count, value) => paths.update(value, count));
    return paths;
  }

  /** Calls `fn` for every existing domain. */
  forEach(fn: (value: string, count: number) => void): void {
    for (let id = 0; id < this.counts.length; id++) {
      if (this.present[id] === 1) fn(this.names[id] as string, this.counts[id] as number);
    }
    this.extra?.forEach((count, value) => fn(value, count));
  }

  /** The existing domains and their counts, as a map (for tests and debugging). */
  toMap(): Map<string, number> {
    const map = new Map<string, number>();
    this.forEach((value, count) => map.set(value, count));
    return map;
  }

  clone(): DomainCounts {
    return new DomainCounts(
      this.ids,
      this.names,
      this.counts.slice(),
      this.present.slice(),
      this.domains,
      this.extra === undefined ? undefined : new Map(this.extra),
    );
  }
}
