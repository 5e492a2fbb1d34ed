/** DaemonSet (apps/v1): one pod of a template on every (selected) node. */
import type { Static } from '@sinclair/typebox';
import { objectSchema, type KindDefinition } from '../../schema/kind.js';
import { arrayOf, int32, int64, intOrString, str } from '../../schema/primitives.js';
import { field, struct } from '../../schema/struct.js';
import { LabelSelector } from '../../meta/v1/object-meta.js';
import { PodTemplateSpec } from '../../core/v1/pod-spec.js';
import { defaultPodTemplateSpec } from '../../core/v1/pod-spec-defaults.js';
import { byType } from './list-options.js';
import { isObj, objectAt, type Obj, unset } from './object-access.js';
import { typedCondition } from '../../schema/condition.js';

export const DaemonSetUpdateStrategyType = ['OnDelete', 'RollingUpdate'] as const;

export const RollingUpdateDaemonSet = struct('io.k8s.api.apps.v1.RollingUpdateDaemonSet', {
  maxUnavailable: field(1, intOrString()),
  maxSurge: field(2, intOrString()),
});

export const DaemonSetUpdateStrategy = struct('io.k8s.api.apps.v1.DaemonSetUpdateStrategy', {
  type: field(1, str({ enum: DaemonSetUpdateStrategyType })),
  rollingUpdate: field(2, RollingUpdateDaemonSet),
});

export const DaemonSetSpec = struct(
  'io.k8s.api.apps.v1.DaemonSetSpec',
  {
    selector: field(1, LabelSelector),
    template: field(2, PodTemplateSpec),
    updateStrategy: field(3, DaemonSetUpdateStrategy),
    minReadySeconds: field(4, int32()),
    revisionHistoryLimit: field(6, int32(), { default: 10 }),
  },
  { required: ['selector', 'template'] },
);
export type DaemonSetSpec = Static<typeof DaemonSetSpec>;

export const DaemonSetCondition = typedCondition('io.k8s.api.apps.v1.DaemonSetCondition');

export const DaemonSetStatus = struct(
  'io.k8s.api.apps.v1.DaemonSetStatus',
  {
    currentNumberScheduled: field(1, int32()),
    numberMisscheduled: field(2, int32()),
    desiredNumberScheduled: field(3, int32()),
    numberReady: field(4, int32()),
    observedGeneration: field(5, int64()),
    updatedNumberScheduled: field(6, int32()),
    numberAvailable: field(7, int32()),
    numberUnavailable: field(8, int32()),
    collisionCount: field(9, int32()),
    conditions: field(10, arrayOf(DaemonSetCondition), byType),
  },
  { required: ['currentNumberScheduled', 'numberMisscheduled', 'desiredNumberScheduled', 'numberReady'] },
);
export type DaemonSetStatus = Static<typeof DaemonSetStatus>;

export const DaemonSetSchema = objectSchema('io.k8s.api.apps.v1.DaemonSet', {
  spec: field(2, DaemonSetSpec),
  status: field(3, DaemonSetStatus),
});
export type DaemonSet = Static<typeof DaemonSetSchema>;

/**
 * Upstream's SetDefaults_DaemonSet beyond the schema's: the update strategy defaults to RollingUpdate, which
 * gets maxUnavailable 1 and maxSurge 0; the template's PodSpec is defaulted.
 */
export function defaultDaemonSet(obj: Obj): void {
  if (!isObj(obj.spec)) return;
  const spec = obj.spec;
  const strategy = objectAt(spec, 'updateStrategy');
  if (unset(strategy.type)) strategy.type = 'RollingUpdate';
  if (strategy.type === 'RollingUpdate') {
    const rollingUpdate = objectAt(strategy, 'rollingUpdate');
    if (unset(rollingUpdate.maxUnavailable)) rollingUpdate.maxUnavailable = 1;
    if (unset(rollingUpdate.maxSurge)) rollingUpdate.maxSurge = 0;
  }
  defaultPodTemplateSpec(spec.template);
}

export const DaemonSetKind: KindDefinition = {
  group: 'apps',
  version: 'v1',
  kind: 'DaemonSet',
  plural: 'daemonsets',
  singular: 'daemonset',
  namespaced: true,
  shortNames: ['ds'],
  categories: ['all'],
  schema: DaemonSetSchema,
  subresources: { status: true },
  defaults: defaultDaemonSet,
};
