/**
 * Expectations (upstream ControllerExpectations): a controller that creates or deletes N pods records that
 * it expects N creations/deletions for its owner key, and lowers the count as its informer observes them.
 * Until the count reaches zero (or the record expires after five minutes: a lost watch event must not block
 * forever), the controller does not act on the owner again — so it never creates twice while its own writes
 * are in flight. Deletions can also be tracked by UID, so that the same pod observed twice counts once.
 */
import { type Clock, realClock } from '../../client/clock/clock.js';

export const EXPECTATIONS_TTL_MS = 5 * 60 * 1000;

interface Record {
  add: number;
  del: number;
  readonly at: number;
  /** UIDs whose deletion is expected. */
  readonly deleting: Set<string>;
}

export class Expectations {
  private readonly records = new Map<string, Record>();

  constructor(private readonly clock: Clock = realClock) {}

  /** True when nothing is pending for `key` (or its record expired, or there is none). */
  satisfied(key: string): boolean {
    const record = this.records.get(key);
    if (record === undefined) return true;
    if (record.add <= 0 && record.del <= 0) return true;
    return this.clock.now() - record.at > EXPECTATIONS_TTL_MS;
  }

  /** Expects `adds` creations and `dels` deletions for `key` (replacing what was expected). */
  expect(key: string, adds: number, dels: number): void {
    this.records.set(key, { add: adds, del: dels, at: this.clock.now(), deleting: new Set() });
  }

  /** Expects the deletion of these pod UIDs (their count adds to the deletions expected). */
  expectDeletions(key: string, uids: readonly string[]): void {
    const record = this.records.get(key) ?? { add: 0, del: 0, at: this.clock.now(), deleting: new Set<string>() };
    for (const uid of uids) {
      if (record.deleting.has(uid)) continue;
      record.deleting.add(uid);
      record.del++;
    }
    this.records.set(key, record);
  }

  /** One expected creation was observed (or failed, so will never be observed). */
  creationObserved(key: string): void {
    const record = this.records.get(key);
    if (record !== undefined) record.add--;
  }

  /** One expected deletion was observed (or failed); with `uid`, counts only a UID that was expected. */
  deletionObserved(key: string, uid?: string): void {
    const record = this.records.get(key);
    if (record === undefined) return;
    if (uid !== undefined && record.deleting.size > 0) {
      if (!record.deleting.delete(uid)) return;
    }
    record.del--;
  }

  /** Forgets `key` (its owner was deleted). */
  delete(key: string): void {
    this.records.delete(key);
  }
}
