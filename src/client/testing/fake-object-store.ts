/**
 * The state behind FakeApiServer: objects per collection (e.g. `/api/v1/pods`), one global revision stamped
 * into `metadata.resourceVersion`, and an event log that watches replay from a revision until `compact`.
 */

export type JsonObject = Record<string, unknown> & { metadata?: Record<string, unknown> };

export interface StoredEvent {
  readonly rev: number;
  readonly collection: string;
  readonly type: 'ADDED' | 'MODIFIED' | 'DELETED';
  readonly object: JsonObject;
}

export type UpdateResult = JsonObject | 'missing' | 'conflict';

const keyOf = (namespace: string, name: string): string => (namespace ? `${namespace}/${name}` : name);
const metaOf = (obj: JsonObject): Record<string, unknown> => obj.metadata ?? {};
const namespaceOf = (obj: JsonObject): string => String(metaOf(obj)['namespace'] ?? '');
const nameOf = (obj: JsonObject): string => String(metaOf(obj)['name'] ?? '');

export class FakeObjectStore {
  /** The revision of the latest write. */
  rev = 1;
  /** Watches from a revision below this one are refused with 410. */
  compactedRev = 0;
  private readonly collections = new Map<string, Map<string, JsonObject>>();
  private readonly log: StoredEvent[] = [];
  private readonly listeners = new Set<(event: StoredEvent) => void>();

  /** Creates or replaces the object (no conflict check), emitting ADDED or MODIFIED. */
  put(collection: string, object: JsonObject): JsonObject {
    const existing = this.get(collection, namespaceOf(object), nameOf(object));
    return this.write(collection, object, existing === undefined ? 'ADDED' : 'MODIFIED');
  }

  /** Creates the object unless one with its name exists. */
  create(collection: string, object: JsonObject): JsonObject | 'exists' {
    if (this.get(collection, namespaceOf(object), nameOf(object)) !== undefined) return 'exists';
    const uid = `uid-${this.rev + 1}`;
    return this.write(collection, { ...object, metadata: { uid, ...metaOf(object) } }, 'ADDED');
  }

  /** Replaces the object; with a resourceVersion set, only if it is the stored one. */
  update(collection: string, object: JsonObject): UpdateResult {
    const existing = this.get(collection, namespaceOf(object), nameOf(object));
    if (existing === undefined) return 'missing';
    const rv = metaOf(object)['resourceVersion'];
    if (rv !== undefined && rv !== '' && rv !== metaOf(existing)['resourceVersion']) return 'conflict';
    const metadata = { ...metaOf(object), uid: metaOf(existing)['uid'] };
    return this.write(collection, { ...object, metadata }, 'MODIFIED');
  }

  /** Deletes the object, emitting DELETED with the final state. */
  remove(collection: string, namespace: string, name: string): JsonObject | undefined {
    const objects = this.collections.get(collection);
    const existing = objects?.get(keyOf(namespace, name));
    if (objects === undefined || existing === undefined) return undefined;
    objects.delete(keyOf(namespace, name));
    this.rev++;
    const final = { ...existing, metadata: { ...metaOf(existing), resourceVersion: String(this.rev) } };
    this.emit({ rev: this.rev, collection, type: 'DELETED', object: final });
    return final;
  }

  get(collection: string, namespace: string, name: string): JsonObject | undefined {
    return this.collections.get(collection)?.get(keyOf(namespace, name));
  }

  /** The objects of the collection in `namespace` ('' for all), sorted by key. */
  list(collection: string, namespace: string): JsonObject[] {
    const objects = [...(this.collections.get(collection)?.entries() ?? [])].sort(([a], [b]) => (a < b ? -1 : 1));
    return objects.map(([, o]) => o).filter((o) => namespace === '' || namespaceOf(o) === namespace);
  }

  /** The logged events of the collection in `namespace` after revision `rev`. */
  since(collection: string, namespace: string, rev: number): StoredEvent[] {
    return this.log.filter((e) => e.rev > rev && matches(e, collection, namespace));
  }

  /** Calls `listener` with every event from now on; returns the unsubscribe function. */
  subscribe(listener: (event: StoredEvent) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Forgets history: watches from before the current revision now get 410. */
  compact(): void {
    this.compactedRev = this.rev;
    this.log.length = 0;
  }

  private write(collection: string, object: JsonObject, type: StoredEvent['type']): JsonObject {
    this.rev++;
    const stored: JsonObject = { ...object, metadata: { ...metaOf(object), resourceVersion: String(this.rev) } };
    let objects = this.collections.get(collection);
    if (objects === undefined) this.collections.set(collection, (objects = new Map()));
    objects.set(keyOf(namespaceOf(stored), nameOf(stored)), stored);
    this.emit({ rev: this.rev, collection, type, object: stored });
    return stored;
  }

  private emit(event: StoredEvent): void {
    this.log.push(event);
    for (const listener of this.listeners) listener(event);
  }
}

/** Whether the event belongs to the collection and namespace ('' for all) a watch covers. */
export const matches = (event: StoredEvent, collection: string, namespace: string): boolean =>
  event.collection === collection && (namespace === '' || namespaceOf(event.object) === namespace);
