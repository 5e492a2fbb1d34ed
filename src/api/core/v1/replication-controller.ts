/** ReplicationController: keeps a number of pod replicas running (the predecessor of ReplicaSet). */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, int32, int64, stringMap } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { defaultPodTemplateSpec } from './pod-spec-defaults.js';
import { PodTemplateSpec } from './pod-spec.js';
import { typedCondition } from '../../schema/condition.js';

export const ReplicationControllerCondition = typedCondition('io.k8s.api.core.v1.ReplicationControllerCondition');

export const ReplicationControllerSpec = struct('io.k8s.api.core.v1.ReplicationControllerSpec', {
  replicas: field(1, int32(), { default: 1 }),
  minReadySeconds: field(4, int32()),
  selector: field(2, stringMap(), { mapType: 'atomic' }),
  template: field(3, PodTemplateSpec),
});

export const ReplicationControllerStatus = struct(
  'io.k8s.api.core.v1.ReplicationControllerStatus',
  {
    replicas: field(1, int32()),
    fullyLabeledReplicas: field(2, int32()),
    readyReplicas: field(4, int32()),
    availableReplicas: field(5, int32()),
    observedGeneration: field(3, int64()),
    conditions: field(6, arrayOf(ReplicationControllerCondition), {
      patchStrategy: 'merge',
      patchMergeKey: 'type',
      listType: 'map',
      listMapKeys: ['type'],
    }),
  },
  { required: ['replicas'] },
);

export const ReplicationControllerSchema = objectSchema('io.k8s.api.core.v1.ReplicationController', {
  spec: field(2, ReplicationControllerSpec),
  status: field(3, ReplicationControllerStatus),
});
export type ReplicationController = Static<typeof ReplicationControllerSchema>;

const isEmpty = (m: Record<string, string> | undefined): boolean => m === undefined || Object.keys(m).length === 0;

/** An empty selector and empty labels default to the template's labels; the template's PodSpec is defaulted. */
function defaultReplicationController(obj: Record<string, unknown>): void {
  const rc = obj as ReplicationController;
  const labels = rc.spec?.template?.metadata?.labels;
  if (rc.spec && labels !== undefined) {
    if (isEmpty(rc.spec.selector)) rc.spec.selector = { ...labels };
    rc.metadata ??= {};
    if (isEmpty(rc.metadata.labels)) rc.metadata.labels = { ...labels };
  }
  defaultPodTemplateSpec(rc.spec?.template);
}

export const ReplicationControllerKind: KindDefinition = {
  group: '',
  version: 'v1',
  kind: 'ReplicationController',
  plural: 'replicationcontrollers',
  singular: 'replicationcontroller',
  namespaced: true,
  shortNames: ['rc'],
  categories: ['all'],
  schema: ReplicationControllerSchema,
  subresources: {
    status: true,
    scale: {
      specReplicasPath: 'spec.replicas',
      statusReplicasPath: 'status.replicas',
      labelSelectorPath: 'spec.selector',
    },
  },
  selectableFields: {
    'status.replicas': (o) => String((o as ReplicationController).status?.replicas ?? 0),
  },
  defaults: defaultReplicationController,
};
