/** meta/v1 types every object carries (protobuf numbers from apimachinery's meta/v1 generated.proto). */
import type { Static } from '@sinclair/typebox';
import { bool, int64, rawObject, str, stringMap, time, arrayOf, bytes } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const OwnerReference = struct(
  'io.k8s.apimachinery.pkg.apis.meta.v1.OwnerReference',
  {
    apiVersion: field(5, str()),
    kind: field(1, str()),
    name: field(3, str()),
    uid: field(4, str()),
    controller: field(6, bool()),
    blockOwnerDeletion: field(7, bool()),
  },
  { required: ['apiVersion', 'kind', 'name', 'uid'], structType: 'atomic' },
);
export type OwnerReference = Static<typeof OwnerReference>;

/** FieldsV1: the set of fields a manager owns, as JSON (a bytes field `Raw` in protobuf). */
export const FieldsV1 = { ...rawObject(), $id: 'io.k8s.apimachinery.pkg.apis.meta.v1.FieldsV1' } as ReturnType<
  typeof rawObject
>;

export const ManagedFieldsEntry = struct('io.k8s.apimachinery.pkg.apis.meta.v1.ManagedFieldsEntry', {
  manager: field(1, str()),
  operation: field(2, str({ enum: ['Apply', 'Update'] })),
  apiVersion: field(3, str()),
  time: field(4, time()),
  fieldsType: field(6, str()),
  fieldsV1: field(7, FieldsV1),
  subresource: field(8, str()),
});
export type ManagedFieldsEntry = Static<typeof ManagedFieldsEntry>;

export const ObjectMeta = struct('io.k8s.apimachinery.pkg.apis.meta.v1.ObjectMeta', {
  name: field(1, str()),
  generateName: field(2, str()),
  namespace: field(3, str()),
  selfLink: field(4, str()),
  uid: field(5, str()),
  resourceVersion: field(6, str()),
  generation: field(7, int64()),
  creationTimestamp: field(8, time()),
  deletionTimestamp: field(9, time()),
  deletionGracePeriodSeconds: field(10, int64()),
  labels: field(11, stringMap()),
  annotations: field(12, stringMap()),
  ownerReferences: field(13, arrayOf(OwnerReference), {
    patchStrategy: 'merge',
    patchMergeKey: 'uid',
    listType: 'map',
    listMapKeys: ['uid'],
  }),
  finalizers: field(14, arrayOf(str()), { patchStrategy: 'merge', listType: 'set' }),
  managedFields: field(17, arrayOf(ManagedFieldsEntry)),
});
export type ObjectMeta = Static<typeof ObjectMeta>;

export const ListMeta = struct('io.k8s.apimachinery.pkg.apis.meta.v1.ListMeta', {
  selfLink: field(1, str()),
  resourceVersion: field(2, str()),
  continue: field(3, str()),
  remainingItemCount: field(4, int64()),
});
export type ListMeta = Static<typeof ListMeta>;

export const LabelSelectorRequirement = struct(
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelectorRequirement',
  {
    key: field(1, str()),
    operator: field(2, str()),
    values: field(3, arrayOf(str()), { listType: 'atomic' }),
  },
  { required: ['key', 'operator'] },
);

export const LabelSelector = struct(
  'io.k8s.apimachinery.pkg.apis.meta.v1.LabelSelector',
  {
    matchLabels: field(1, stringMap()),
    matchExpressions: field(2, arrayOf(LabelSelectorRequirement), { listType: 'atomic' }),
  },
  { structType: 'atomic' },
);
export type LabelSelector = Static<typeof LabelSelector>;

/** metav1.Condition, the standard condition type of newer APIs. */
export const Condition = struct(
  'io.k8s.apimachinery.pkg.apis.meta.v1.Condition',
  {
    type: field(1, str()),
    status: field(2, str()),
    observedGeneration: field(3, int64()),
    lastTransitionTime: field(4, time()),
    reason: field(5, str()),
    message: field(6, str()),
  },
  { required: ['type', 'status', 'lastTransitionTime', 'reason', 'message'] },
);

export { bytes };
