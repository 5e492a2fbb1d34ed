/** The lock leader election contends for: one record, read and written with optimistic concurrency. */
import type { LeaderElectionRecord } from './leader-election-record.js';

export interface ResourceLock {
  /** Who contends: written as holderIdentity when this candidate holds the lock. */
  readonly identity: string;
  /**
   * Reads the record; undefined when the lock object does not exist yet.
   * @throws on any other failure (the caller retries later).
   */
  get(signal?: AbortSignal): Promise<LeaderElectionRecord | undefined>;
  /** Creates the lock object holding `record`. @throws ApiError AlreadyExists when someone was faster. */
  create(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void>;
  /**
   * Writes `record` over the version last read or written by this lock.
   * @throws ApiError Conflict when somebody else wrote since; Error when nothing was read yet.
   */
  update(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void>;
  /** Names the lock in messages, e.g. `kube-system/kube-scheduler`. */
  describe(): string;
}
