/** Lease (coordination.k8s.io/v1): a time-bound claim, used for leader election and node heartbeats. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { int32, microTime, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const LeaseSpec = struct('io.k8s.api.coordination.v1.LeaseSpec', {
  holderIdentity: field(1, str()),
  leaseDurationSeconds: field(2, int32()),
  acquireTime: field(3, microTime()),
  renewTime: field(4, microTime()),
  leaseTransitions: field(5, int32()),
  strategy: field(6, str()),
  preferredHolder: field(7, str()),
});
export type LeaseSpec = Static<typeof LeaseSpec>;

export const LeaseSchema = objectSchema('io.k8s.api.coordination.v1.Lease', {
  spec: field(2, LeaseSpec),
});
export type Lease = Static<typeof LeaseSchema>;

export const LeaseKind: KindDefinition = {
  group: 'coordination.k8s.io',
  version: 'v1',
  kind: 'Lease',
  plural: 'leases',
  singular: 'lease',
  namespaced: true,
  schema: LeaseSchema,
};
