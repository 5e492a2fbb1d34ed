/**
 * The objects this API server just wrote, by the very bytes it handed the store. A store in this process
 * (SQLite, memory) hands a watch the array it was given, so the watch cache can take the object instead of
 * decoding those bytes again; a store that copies values (etcd) simply never hits.
 */
import type { ApiObject } from '../strategy.js';
import { servedJson } from './served-json.js';

export class WrittenObjects {
  private readonly byValue = new WeakMap<Uint8Array, ApiObject>();
  /** The stored text (see codec.ts) of remembered objects and of their taken copies, until used. */
  private readonly texts = new WeakMap<ApiObject, string>();

  /**
   * Remembers that `value` encodes `object` (as `text`, when given: the text `value` holds). The caller hands
   * `object` over: neither it nor anything it shares may change afterwards, except `metadata.resourceVersion`
   * (set once the write's revision is known).
   */
  remember(value: Uint8Array, object: ApiObject, text?: string): void {
    this.byValue.set(value, object);
    if (text !== undefined) this.texts.set(object, text);
  }

  /**
   * The served JSON (see served-json.ts) of a remembered object or of a taken copy, at its current
   * resourceVersion; undefined when its stored text is not known or does not lend itself. With `forget`, the
   * text is let go (the caller keeps what it made of it).
   */
  servedJson(object: ApiObject, apiVersion: string, kind: string, forget = false): string | undefined {
    const text = this.texts.get(object);
    if (text === undefined) return undefined;
    if (forget) this.texts.delete(object);
    const version = (object.metadata as { resourceVersion?: unknown } | undefined)?.resourceVersion;
    return typeof version === 'string' ? servedJson(text, apiVersion, kind, version) : undefined;
  }

  /**
   * The object `value` encodes, as the store holds it at `revision`: a copy of the remembered object down to
   * its metadata (which gets the revision), sharing everything else. Undefined when `value` was not written
   * here. The result must not be changed. Its stored text is kept for servedJson unless `keepText` is false
   * (nobody will ask: it would only take memory for as long as the copy lives).
   */
  take(value: Uint8Array, revision: number, keepText = true): ApiObject | undefined {
    const object = this.byValue.get(value);
    if (object === undefined) return undefined;
    this.byValue.delete(value);
    const metadata = object.metadata;
    const meta = metadata !== null && typeof metadata === 'object' && !Array.isArray(metadata) ? metadata : {};
    const copy = { ...object, metadata: { ...meta, resourceVersion: String(revision) } };
    const text = this.texts.get(object);
    if (text !== undefined && keepText) this.texts.set(copy, text);
    return copy;
  }
}
