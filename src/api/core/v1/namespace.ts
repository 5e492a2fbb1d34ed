import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, str, time } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';

export const NamespaceCondition = struct('io.k8s.api.core.v1.NamespaceCondition', {
  type: field(1, str()),
  status: field(2, str()),
  lastTransitionTime: field(4, time()),
  reason: field(5, str()),
  message: field(6, str()),
});

export const NamespaceSpec = struct('io.k8s.api.core.v1.NamespaceSpec', {
  finalizers: field(1, arrayOf(str()), { listType: 'atomic' }),
});

export const NamespaceStatus = struct('io.k8s.api.core.v1.NamespaceStatus', {
  phase: field(1, str({ enum: ['Active', 'Terminating'] })),
  conditions: field(2, arrayOf(NamespaceCondition), {
    patchStrategy: 'merge',
    patchMergeKey: 'type',
    listType: 'map',
    listMapKeys: ['type'],
  }),
});

export const NamespaceSchema = objectSchema('io.k8s.api.core.v1.Namespace', {
  spec: field(2, NamespaceSpec),
  status: field(3, NamespaceStatus),
});
export type Namespace = Static<typeof NamespaceSchema>;

export const NamespaceKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'Namespace',
  plural: 'namespaces',
  singular: 'namespace',
  namespaced: false,
  shortNames: ['ns'],
  schema: NamespaceSchema,
  subresources: { status: true },
  selectableFields: { 'status.phase': (o) => (o as Namespace).status?.phase },
};
