/**
 * meta/v1 DeleteOptions and Preconditions, as the body of an Eviction carries them (upstream's apimachinery
 * meta/v1 generated.proto numbers). They belong with meta/v1; they live here until meta/v1 has them.
 */
import { type Static, Type } from '@sinclair/typebox';
import { arrayOf, bool, int64, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const Preconditions = struct('io.k8s.apimachinery.pkg.apis.meta.v1.Preconditions', {
  uid: field(1, str()),
  resourceVersion: field(2, str()),
});

export const PropagationPolicy = ['Background', 'Foreground', 'Orphan'] as const;

export const DeleteOptions = struct('io.k8s.apimachinery.pkg.apis.meta.v1.DeleteOptions', {
  // TypeMeta, inlined: JSON only, no protobuf field.
  apiVersion: Type.String(),
  kind: Type.String(),
  gracePeriodSeconds: field(1, int64()),
  preconditions: field(2, Preconditions),
  orphanDependents: field(3, bool()),
  propagationPolicy: field(4, str({ enum: PropagationPolicy })),
  dryRun: field(5, arrayOf(str()), { listType: 'atomic' }),
  ignoreStoreReadErrorWithClusterBreakingPotential: field(6, bool()),
});
export type DeleteOptions = Static<typeof DeleteOptions>;
