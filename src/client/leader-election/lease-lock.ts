/** A ResourceLock over a coordination.k8s.io/v1 Lease (what upstream components use). */
import type { Lease } from '../../api/coordination/v1/lease.js';
import { isNotFound } from '../rest/error-predicates.js';
import type { ResourceClient } from '../rest/resource-client.js';
import type { ResourceDescriptor } from '../rest/resource-path.js';
import { type LeaderElectionRecord, leaseSpecFromRecord, recordFromLeaseSpec } from './leader-election-record.js';
import type { ResourceLock } from './resource-lock.js';

export const LEASES: ResourceDescriptor = {
  group: 'coordination.k8s.io',
  version: 'v1',
  resource: 'leases',
  namespaced: true,
};

export class LeaseLock implements ResourceLock {
  /** The Lease as last read or written: its resourceVersion guards the next update. */
  private lease: Lease | undefined;

  constructor(
    private readonly leases: ResourceClient<Lease>,
    readonly namespace: string,
    readonly name: string,
    readonly identity: string,
  ) {}

  async get(signal?: AbortSignal): Promise<LeaderElectionRecord | undefined> {
    try {
      this.lease = await this.leases.get(this.namespace, this.name, signal === undefined ? {} : { signal });
    } catch (err) {
      if (isNotFound(err)) return undefined;
      throw err;
    }
    return recordFromLeaseSpec(this.lease.spec);
  }

  async create(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    const lease = {
      apiVersion: 'coordination.k8s.io/v1',
      kind: 'Lease',
      metadata: { name: this.name, namespace: this.namespace },
      spec: leaseSpecFromRecord(record),
    } as Lease;
    this.lease = await this.leases.create(this.namespace, lease, signal === undefined ? {} : { signal });
  }

  async update(record: LeaderElectionRecord, signal?: AbortSignal): Promise<void> {
    if (this.lease === undefined) throw new Error('lease not initialized, call get or create first');
    const next = { ...this.lease, spec: leaseSpecFromRecord(record) } as Lease;
    this.lease = await this.leases.update(this.namespace, next, signal === undefined ? {} : { signal });
  }

  /** A LeaseLock over `client`'s leases (a RestClient's `resource`). */
  static of(
    client: { resource<T extends Lease>(d: ResourceDescriptor): ResourceClient<T> },
    namespace: string,
    name: string,
    identity: string,
  ): LeaseLock {
    return new LeaseLock(client.resource<Lease>(LEASES), namespace, name, identity);
  }

  describe(): string {
    return `${this.namespace}/${this.name}`;
  }
}
