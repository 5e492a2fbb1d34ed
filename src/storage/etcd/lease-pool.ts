/**
 * Leases for keys written with a TTL, shared between writes the way kube-apiserver's lease manager does:
 * granting one lease per write would flood etcd with leases (one per Event object), so a lease granted a
 * little longer than asked is reused by later writes while its remaining time is still within
 * [ttl, ttl + reuse window]. A key may therefore live up to the reuse window longer than its TTL.
 * Leases are never kept alive: they expire, and etcd deletes their keys with ordinary delete events.
 */

export interface LeasePoolOptions {
  /** Grants a lease of `ttlSeconds`; resolves with its id and the TTL etcd actually granted (in seconds). */
  readonly grant: (ttlSeconds: number) => Promise<{ id: string; ttlSeconds: number }>;
  /** Milliseconds since the epoch; injected for tests. */
  readonly now?: () => number;
  /** The reuse window as a fraction of the TTL (kube-apiserver: 5%). */
  readonly reuseFraction?: number;
  /** The largest reuse window in seconds (kube-apiserver: 60). */
  readonly maxReuseSeconds?: number;
  /** How many leases to remember for reuse. */
  readonly capacity?: number;
}

interface PooledLease {
  readonly id: string;
  /** A conservative expiry: measured from before the grant was sent. */
  readonly expiresAt: number;
}

export class LeasePool {
  private readonly now: () => number;
  private readonly reuseFraction: number;
  private readonly maxReuseSeconds: number;
  private readonly capacity: number;
  private leases: PooledLease[] = [];
  /** Grants in flight, by granted TTL, so that concurrent writes with one TTL share one grant. */
  private readonly granting = new Map<number, Promise<PooledLease>>();

  constructor(private readonly options: LeasePoolOptions) {
    this.now = options.now ?? Date.now;
    this.reuseFraction = options.reuseFraction ?? 0.05;
    this.maxReuseSeconds = options.maxReuseSeconds ?? 60;
    this.capacity = options.capacity ?? 16;
  }

  /**
   * The id of a lease that expires no sooner than `ttlSeconds` from now and no later than that plus the
   * reuse window: a remembered one when one fits, else a newly granted one.
   * @throws whatever `grant` throws.
   */
  async leaseFor(ttlSeconds: number): Promise<string> {
    const ttl = Math.max(1, Math.ceil(ttlSeconds));
    const window = Math.min(Math.floor(ttl * this.reuseFraction), this.maxReuseSeconds);
    const now = this.now();
    this.leases = this.leases.filter((l) => l.expiresAt > now);
    const fits = (l: PooledLease): boolean =>
      l.expiresAt - now >= ttl * 1000 && l.expiresAt - now <= (ttl + window) * 1000;
    const reusable = this.leases.find(fits);
    if (reusable !== undefined) return reusable.id;

    const grantTtl = ttl + window;
    let pending = this.granting.get(grantTtl);
    if (pending === undefined) {
      pending = this.grantAndRemember(grantTtl);
      this.granting.set(grantTtl, pending);
      const clear = (): void => void this.granting.delete(grantTtl);
      pending.then(clear, clear);
    }
    return (await pending).id;
  }

  /** Drops a lease etcd no longer knows (it expired early or was revoked), so it is not handed out again. */
  forget(id: string): void {
    this.leases = this.leases.filter((l) => l.id !== id);
  }

  private async grantAndRemember(ttlSeconds: number): Promise<PooledLease> {
    const before = this.now();
    const granted = await this.options.grant(ttlSeconds);
    const lease = { id: granted.id, expiresAt: before + granted.ttlSeconds * 1000 };
    this.leases.push(lease);
    if (this.leases.length > this.capacity) {
      this.leases.sort((a, b) => b.expiresAt - a.expiresAt);
      this.leases.length = this.capacity;
    }
    return lease;
  }
}
