/**
 * Per-pod scheduling-cycle state shared between a pod's plugin calls (upstream CycleState): PreFilter writes
 * what Filter reads, PreScore what Score reads. Keys are plugin-chosen strings; values are plugin-owned.
 * `clone()` copies the map and asks each value that has a `clone()` method to copy itself — preemption clones
 * the state before it simulates removing victims.
 */
export interface Cloneable {
  clone(): Cloneable;
}

/**
 * A set of plugin names that counts its changes: the framework derives the list of plugins to run from it once
 * and reuses that list for every node until `version` moves.
 */
export class PluginNameSet extends Set<string> {
  private changes = 0;

  /** Moves on every add of a new name, delete of a present one, and clear of a non-empty set. */
  get version(): number {
    return this.changes;
  }

  override add(name: string): this {
    if (!this.has(name)) this.changes++;
    return super.add(name);
  }

  override delete(name: string): boolean {
    const had = super.delete(name);
    if (had) this.changes++;
    return had;
  }

  override clear(): void {
    if (this.size > 0) this.changes++;
    super.clear();
  }
}

export class CycleState {
  private readonly data = new Map<string, unknown>();
  private changes = 0;
  /** Filter plugins whose PreFilter returned Skip for this pod. */
  readonly skipFilterPlugins = new PluginNameSet();
  /** Score plugins whose PreScore returned Skip for this pod. */
  readonly skipScorePlugins = new PluginNameSet();

  /** Moves on every write and delete (not when a stored value changes inside). */
  get version(): number {
    return this.changes;
  }

  read<T>(key: string): T | undefined {
    return this.data.get(key) as T | undefined;
  }

  write(key: string, value: unknown): void {
    this.changes++;
    this.data.set(key, value);
  }

  delete(key: string): void {
    this.changes++;
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

/**
 * One key of a CycleState, read the way Filter and Score read it — for every node of a cycle: the value last
 * read is answered again while the state is the same object at the same version, without a map look-up. A
 * plugin holds one per key it reads on the hot path.
 */
export class CycleStateKey<T> {
  private lastState: CycleState | undefined;
  private lastVersion = -1;
  private lastValue: T | undefined;

  constructor(readonly key: string) {}

  read(state: CycleState): T | undefined {
    if (state === this.lastState && state.version === this.lastVersion) return this.lastValue;
    const value = state.read<T>(this.key);
    this.lastState = state;
    this.lastVersion = state.version;
    this.lastValue = value;
    return value;
  }
}
