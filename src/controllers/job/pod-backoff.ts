/**
 * The delay before a Job replaces failed pods (upstream backoffRecord): after n consecutive failures since
 * the last success, new pods wait base · 2^(n−1) (10 s doubling, capped at 10 min by default) from the last
 * failure. The record lives in memory per Job key; a success resets it.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import { finishedTime } from './pod-state.js';

export interface BackoffRecord {
  readonly key: string;
  readonly failuresAfterLastSuccess: number;
  readonly lastFailureMs?: number;
}

export interface BackoffTimings {
  /** The first delay (upstream DefaultJobPodFailureBackOff, 10 s). */
  readonly baseMs: number;
  /** The longest delay (upstream MaxJobPodFailureBackOff, 10 min). */
  readonly maxMs: number;
}

/** How long to wait at `nowMs` after `failures` consecutive failures, the last at `lastFailureMs` (0: go ahead). */
export function remainingBackoffMs(
  timings: BackoffTimings,
  failures: number,
  lastFailureMs: number | undefined,
  nowMs: number,
): number {
  if (failures === 0 || lastFailureMs === undefined) return 0;
  let delay = timings.baseMs;
  for (let i = 1; i < failures; i++) {
    delay *= 2;
    if (delay >= timings.maxMs) {
      delay = timings.maxMs;
      break;
    }
  }
  const elapsed = nowMs - lastFailureMs;
  return delay < elapsed ? 0 : delay - elapsed;
}

export class BackoffStore {
  private readonly records = new Map<string, BackoffRecord>();

  /**
   * The record `key` would have after `newSucceeded` and `newFailed` pods (not yet counted) finished: failures
   * add up; a success resets the count to the failures that finished after it. Does not store it.
   */
  next(key: string, newSucceeded: readonly Pod[], newFailed: readonly Pod[]): BackoffRecord {
    const old = this.records.get(key) ?? { key, failuresAfterLastSuccess: 0 };
    const failedTimes = newFailed.map(finishedTime).sort((a, b) => a - b);
    if (newSucceeded.length === 0) {
      if (failedTimes.length === 0) return old;
      return {
        key,
        failuresAfterLastSuccess: old.failuresAfterLastSuccess + failedTimes.length,
        lastFailureMs: failedTimes[failedTimes.length - 1],
      };
    }
    const lastSuccess = Math.max(...newSucceeded.map(finishedTime));
    const after = failedTimes.filter((t) => t > lastSuccess);
    const last = after[after.length - 1];
    return last === undefined
      ? { key, failuresAfterLastSuccess: 0 }
      : { key, failuresAfterLastSuccess: after.length, lastFailureMs: last };
  }

  /** Stores `record` (once the failures it counts are recorded in the Job's status). */
  update(record: BackoffRecord): void {
    this.records.set(record.key, record);
  }

  /** Forgets `key` (its Job finished or is gone). */
  remove(key: string): void {
    this.records.delete(key);
  }
}
