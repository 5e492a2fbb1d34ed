/**
 * The objects a controller's own writes produced, kept until its informer cache catches up with them. An
 * informer event comes in some time after the write it reports; a sync that runs in between would see the
 * object as it was before the write, compute the same change again and write it with the old
 * resourceVersion: a 409, a GET and a second write for nothing. While the cache still shows the
 * resourceVersion a write replaced, the object the write returned is the newest state there is, so the sync
 * starts from that instead.
 */
import type { KubeObject } from '../../client/kube-object.js';

interface Written<T> {
  /** The resourceVersions our writes replaced, one after the other, since the cache last caught up. */
  readonly replaced: Set<string>;
  readonly object: T;
}

export class OwnWrites<T extends KubeObject> {
  private readonly written = new Map<string, Written<T>>();

  /**
   * Notes that a write of `key` over resourceVersion `replaced` produced `object`. A write over what our last
   * write produced extends the chain: the cache showing any object of the chain is behind the newest.
   */
  record(key: string, replaced: string | undefined, object: T): void {
    if (replaced === undefined || replaced === '' || object.metadata?.resourceVersion === undefined) return;
    const prior = this.written.get(key);
    const chained = prior !== undefined && prior.object.metadata?.resourceVersion === replaced;
    const versions = chained ? prior.replaced : new Set<string>();
    versions.add(replaced);
    this.written.set(key, { replaced: versions, object });
  }

  /**
   * The newest known state of `key`: what our last write of it returned while `cached` still is an object
   * our writes replaced (same uid, a replaced resourceVersion); otherwise `cached`, and the note is dropped
   * (the cache has caught up, or someone else wrote since). Neither object may be mutated by the caller.
   */
  freshest(key: string, cached: T): T {
    const note = this.written.get(key);
    if (note === undefined) return cached;
    const meta = cached.metadata;
    const behind = meta?.resourceVersion !== undefined && note.replaced.has(meta.resourceVersion);
    if (behind && meta?.uid === note.object.metadata?.uid) return note.object;
    this.written.delete(key);
    return cached;
  }

  /** Forgets `key` (its object is gone). */
  forget(key: string): void {
    this.written.delete(key);
  }

  /** How many writes are noted (tests). */
  get size(): number {
    return this.written.size;
  }
}
