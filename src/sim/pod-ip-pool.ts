/**
 * PodIpPool: the pod addresses of one node's range, handed out per pod (by uid) and taken back when the pod
 * ends. Like host-local IPAM it hands out round-robin, so a released address is not reused at once.
 */
import { formatIpv4, type Ipv4Cidr, parseIpv4, sizeOf } from './ipv4-cidr.js';

export class PodIpPool {
  /** Offsets from the network address: the first pod address is the range's second host. */
  private readonly first: number;
  private readonly last: number;
  private cursor: number;
  private readonly byOwner = new Map<string, number>();
  private readonly owners = new Map<number, string>();

  constructor(readonly cidr: Ipv4Cidr) {
    this.first = 2;
    this.last = sizeOf(cidr) - 2;
    this.cursor = this.first;
  }

  /** How many addresses pods can get in all. */
  capacity(): number {
    return Math.max(0, this.last - this.first + 1);
  }

  /** How many are taken. */
  used(): number {
    return this.byOwner.size;
  }

  /** The address of `owner`: the one it holds, else a free one; undefined when none is left. */
  allocate(owner: string): string | undefined {
    const held = this.byOwner.get(owner);
    if (held !== undefined) return formatIpv4(this.cidr.network + held);
    const span = this.capacity();
    for (let i = 0; i < span; i++) {
      const offset = this.first + ((this.cursor - this.first + i) % span);
      if (this.owners.has(offset)) continue;
      this.take(owner, offset);
      this.cursor = offset + 1 > this.last ? this.first : offset + 1;
      return formatIpv4(this.cidr.network + offset);
    }
    return undefined;
  }

  /**
   * Records that `owner` already uses `ip` (a pod that was running before the simulator restarted). False
   * when the address is outside the pool or held by someone else; `owner` then keeps what it had.
   */
  claim(owner: string, ip: string): boolean {
    const value = parseIpv4(ip);
    if (value === undefined) return false;
    const offset = value - this.cidr.network;
    if (offset < this.first || offset > this.last) return false;
    const holder = this.owners.get(offset);
    if (holder !== undefined) return holder === owner;
    this.release(owner);
    this.take(owner, offset);
    return true;
  }

  /** Gives `owner`'s address back (nothing when it holds none). */
  release(owner: string): void {
    const offset = this.byOwner.get(owner);
    if (offset === undefined) return;
    this.byOwner.delete(owner);
    this.owners.delete(offset);
  }

  private take(owner: string, offset: number): void {
    this.byOwner.set(owner, offset);
    this.owners.set(offset, owner);
  }
}
