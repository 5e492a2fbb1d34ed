/** Deployment (apps/v1): declarative rollouts of a pod template through ReplicaSets. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, bool, int32, int64, intOrString, str, time } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { LabelSelector } from '../../meta/v1/object-meta.js';
import { PodTemplateSpec } from '../../core/v1/pod-spec.js';
import { defaultPodTemplateSpec } from '../../core/v1/pod-spec-defaults.js';
import { byType } from './list-options.js';
import { isObj, objectAt, type Obj, unset } from './object-access.js';

export const DeploymentStrategyType = ['Recreate', 'RollingUpdate'] as const;

export const RollingUpdateDeployment = struct('io.k8s.api.apps.v1.RollingUpdateDeployment', {
  maxUnavailable: field(1, intOrString()),
  maxSurge: field(2, intOrString()),
});

export const DeploymentStrategy = struct('io.k8s.api.apps.v1.DeploymentStrategy', {
  type: field(1, str({ enum: DeploymentStrategyType })),
  rollingUpdate: field(2, RollingUpdateDeployment),
});

export const DeploymentSpec = struct(
  'io.k8s.api.apps.v1.DeploymentSpec',
  {
    replicas: field(1, int32(), { default: 1 }),
    selector: field(2, LabelSelector),
    template: field(3, PodTemplateSpec),
    strategy: field(4, DeploymentStrategy, { patchStrategy: 'retainKeys' }),
    minReadySeconds: field(5, int32()),
    revisionHistoryLimit: field(6, int32(), { default: 10 }),
    paused: field(7, bool()),
    progressDeadlineSeconds: field(9, int32(), { default: 600 }),
    podReplacementPolicy: field(10, str({ enum: ['TerminationComplete', 'TerminationStarted'] })),
  },
  { required: ['selector', 'template'] },
);
export type DeploymentSpec = Static<typeof DeploymentSpec>;

export const DeploymentCondition = struct(
  'io.k8s.api.apps.v1.DeploymentCondition',
  {
    type: field(1, str()),
    status: field(2, str()),
    lastUpdateTime: field(6, time()),
    lastTransitionTime: field(7, time()),
    reason: field(4, str()),
    message: field(5, str()),
  },
  { required: ['type', 'status'] },
);

export const DeploymentStatus = struct('io.k8s.api.apps.v1.DeploymentStatus', {
  observedGeneration: field(1, int64()),
  replicas: field(2, int32()),
  updatedReplicas: field(3, int32()),
  readyReplicas: field(7, int32()),
  availableReplicas: field(4, int32()),
  unavailableReplicas: field(5, int32()),
  terminatingReplicas: field(9, int32()),
  conditions: field(6, arrayOf(DeploymentCondition), byType),
  collisionCount: field(8, int32()),
});
export type DeploymentStatus = Static<typeof DeploymentStatus>;

export const DeploymentSchema = objectSchema('io.k8s.api.apps.v1.Deployment', {
  spec: field(2, DeploymentSpec),
  status: field(3, DeploymentStatus),
});
export type Deployment = Static<typeof DeploymentSchema>;

/**
 * Upstream's SetDefaults_Deployment beyond the schema's: the strategy type defaults to RollingUpdate, and a
 * RollingUpdate strategy gets maxUnavailable and maxSurge of 25%; the template's PodSpec is defaulted.
 */
export function defaultDeployment(obj: Obj): void {
  if (!isObj(obj.spec)) return;
  const spec = obj.spec;
  const strategy = objectAt(spec, 'strategy');
  if (unset(strategy.type)) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = objectAt(strategy, 'rollingUpdate');
    if (unset(rollingUpdate.maxUnavailable)) rollingUpdate.maxUnavailable = '25%';
    if (unset(rollingUpdate.maxSurge)) rollingUpdate.maxSurge = '25%';
  }
  defaultPodTemplateSpec(spec.template);
}

export const DeploymentKind: KindDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'Deployment',
  plural: 'deployments',
  singular: 'deployment',
  namespaced: true,
  shortNames: ['deploy'],
  categories: ['all'],
  schema: DeploymentSchema,
  subresources: {
    status: true,
    // spec.selector is a LabelSelector object: the scale subresource renders it as selector text.
    scale: {
      specReplicasPath: 'spec.replicas',
      statusReplicasPath: 'status.replicas',
      labelSelectorPath: 'spec.selector',
    },
  },
  defaults: defaultDeployment,
};
