/**
 * The pods whose tracking finalizer a Job's sync removed but whose removal the informer has not shown yet
 * (upstream uidTrackingExpectations). Until it does, those pods are treated as counted, so that a stale cache
 * never counts a pod's success or failure twice.
 */

export class FinalizerExpectations {
  private readonly byJob = new Map<string, Set<string>>();

  /** The pod UIDs expected to lose their finalizer for Job `key` (a copy). */
  expected(key: string): ReadonlySet<string> {
    return new Set(this.byJob.get(key) ?? []);
  }

  /** Expects the removal of `uids`' finalizers (call before removing them). */
  expectRemovals(key: string, uids: readonly string[]): void {
    let set = this.byJob.get(key);
    if (set === undefined) this.byJob.set(key, (set = new Set()));
    for (const uid of uids) set.add(uid);
  }

  /** The pod `uid` was seen without its finalizer (or gone), or its removal failed and will not be seen. */
  observed(key: string, uid: string): void {
    this.byJob.get(key)?.delete(uid);
  }

  /** Forgets Job `key`. */
  delete(key: string): void {
    this.byJob.delete(key);
  }
}
