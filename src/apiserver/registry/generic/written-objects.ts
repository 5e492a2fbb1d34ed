/**
 * The objects this API server just wrote, by the very bytes it handed the store. A store in this process
 * (SQLite, memory) hands a watch the array it was given, so the watch cache can take the object instead of
 * decoding those bytes again; a store that copies values (etcd) simply never hits.
 */
import type { ApiObject } from '../strategy.js';

export class WrittenObjects {
  private readonly byValue = new WeakMap<Uint8Array, ApiObject>();

  /**
   * Remembers that `value` encodes `object`. The caller hands `object` over: neither it nor anything it
   * shares may change afterwards, except `metadata.resourceVersion` (set once the write's revision is known).
   */
  remember(value: Uint8Array, object: ApiObject): void {
    this.byValue.set(value, object);
  }

  /**
   * The object `value` encodes, as the store holds it at `revision`: a copy of the remembered object down to
   * its metadata (which gets the revision), sharing everything else. Undefined when `value` was not written
   * here. The result must not be changed.
   */
  take(value: Uint8Array, revision: number): ApiObject | undefined {
    const object = this.byValue.get(value);
    if (object === undefined) return undefined;
    this.byValue.delete(value);
    const metadata = object.metadata;
    const meta = metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) ? metadata : {};
    return { ...object, metadata: { ...meta, resourceVersion: String(revision) } };
  }
}
