/**
 * Per-pod scheduling-cycle state shared between a pod's plugin calls (upstream CycleState): PreFilter writes
 * what Filter reads, PreScore what Score reads. Keys are plugin-chosen strings; values are plugin-owned.
 * `clone()` copies the map and asks each value that has a `clone()` method to copy itself — preemption clones
 * the state before it simulates removing victims.
 */
export interface Cloneable {
  clone(): Cloneable;
}

export class CycleState {
  private readonly data = new Map<string, unknown>();
  /** Filter plugins whose PreFilter returned Skip for this pod. */
  readonly skipFilterPlugins = new Set<string>();
  /** Score plugins whose PreScore returned Skip for this pod. */
  readonly skipScorePlugins = new Set<string>();

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: unknown): void {
    this.data.set(key, value);
  }

  delete(key: string): void {
    this.data.delete(key);
  }

  clone(): CycleState {
    const copy = new CycleState();
    for (const [key, value] of this.data) {
      copy.data.set(key, isCloneable(value) ? value.clone() : value);
    }
    for (const name of this.skipFilterPlugins) copy.skipFilterPlugins.add(name);
    for (const name of this.skipScorePlugins) copy.skipScorePlugins.add(name);
    return copy;
  }
}

function isCloneable(value: unknown): value is Cloneable {
  return typeof value === 'object' && value !== null && typeof (value as Cloneable).clone === 'function';
}
