/**
 * Per-key exponential back-off for deleting failed daemon pods (upstream flowcontrol.Backoff as the
 * DaemonSet controller uses it: 1 s doubling to 15 min). A kubelet that keeps rejecting a daemon pod would
 * otherwise make the controller delete and recreate it in a hot loop. An entry untouched for twice the
 * maximum starts over.
 */
export const FAILED_POD_BACKOFF_INITIAL_MS = 1000;
export const FAILED_POD_BACKOFF_MAX_MS = 15 * 60 * 1000;

interface Entry {
  backoffMs: number;
  lastUpdate: number;
}

export class FailedPodsBackoff {
  private readonly entries = new Map<string, Entry>();

  constructor(
    private readonly initialMs = FAILED_POD_BACKOFF_INITIAL_MS,
    private readonly maxMs = FAILED_POD_BACKOFF_MAX_MS,
  ) {}

  private expired(entry: Entry, now: number): boolean {
    return now - entry.lastUpdate > 2 * this.maxMs;
  }

  /** Records an attempt for `key` at `now`: the delay doubles, or starts at the initial delay. */
  next(key: string, now: number): void {
    const entry = this.entries.get(key);
    if (entry === undefined || this.expired(entry, now)) {
      this.entries.set(key, { backoffMs: this.initialMs, lastUpdate: now });
      return;
    }
    entry.backoffMs = Math.min(entry.backoffMs * 2, this.maxMs);
    entry.lastUpdate = now;
  }

  /** Whether `now` is within the current delay since the last attempt for `key`. */
  isInBackOffSinceUpdate(key: string, now: number): boolean {
    const entry = this.entries.get(key);
    if (entry === undefined || this.expired(entry, now)) return false;
    return now - entry.lastUpdate < entry.backoffMs;
  }

  /** The current delay for `key` (0 when there is none). */
  get(key: string): number {
    return this.entries.get(key)?.backoffMs ?? 0;
  }

  /** Forgets entries untouched for twice the maximum delay. */
  gc(now: number): void {
    for (const [key, entry] of this.entries) if (this.expired(entry, now)) this.entries.delete(key);
  }
}
