/** StorageClass (storage.k8s.io/v1): a class of dynamically provisioned storage and its provisioner. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, bool, str, stringMap } from '../../schema/primitives.js';
import { field } from '../../schema/struct.js';
import { TopologySelectorTerm } from './topology-selector-term.js';

export const ReclaimPolicy = ['Delete', 'Retain'] as const;
export const VolumeBindingMode = ['Immediate', 'WaitForFirstConsumer'] as const;

/** The annotation that marks the default StorageClass of the cluster. */
export const IS_DEFAULT_STORAGE_CLASS_ANNOTATION = 'storageclass.kubernetes.io/is-default-class';

const StorageClassObject = objectSchema('io.k8s.api.storage.v1.StorageClass', {
  provisioner: field(2, str()),
  parameters: field(3, stringMap()),
  reclaimPolicy: field(4, str({ enum: ReclaimPolicy }), { default: 'Delete' }),
  mountOptions: field(5, arrayOf(str()), { listType: 'atomic' }),
  allowVolumeExpansion: field(6, bool()),
  volumeBindingMode: field(7, str({ enum: VolumeBindingMode }), { default: 'Immediate' }),
  allowedTopologies: field(8, arrayOf(TopologySelectorTerm), { listType: 'atomic' }),
});
StorageClassObject.required = ['provisioner'];
export const StorageClassSchema = StorageClassObject;
export type StorageClass = Static<typeof StorageClassSchema>;

export const StorageClassKind: KindDefinition = {
  group: 'storage.k8s.io',
  version: 'v1',
  kind: 'StorageClass',
  plural: 'storageclasses',
  singular: 'storageclass',
  namespaced: false,
  shortNames: ['sc'],
  schema: StorageClassSchema,
};
