/**
 * The ReplicaSet controller (upstream `replicaset`): keeps each ReplicaSet's count of pods, adopting the
 * orphans its selector matches and releasing the pods it no longer selects. The pod management itself is
 * the shared core (replica-controller.ts); this file is the apps/v1 ReplicaSet side of it.
 */
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { PodTemplateSpec } from '../../api/core/v1/pod-spec.js';
import { labelSelectorFromObject, type LabelSelectorObject } from '../../machinery/labels/index.js';
import type { ControllerFactory } from '../framework/controller.js';
import { ReplicaController } from './replica-controller.js';
import { type ReplicaStatus, type ReplicatedKind, withTypeMeta } from './replicated-kind.js';

export const NAME = 'replicaset';

export const REPLICA_SETS = { group: 'apps', version: 'v1', resource: 'replicasets', namespaced: true } as const;

/** ReplicaSets as the shared core manages them. */
export const REPLICA_SET_KIND: ReplicatedKind<ReplicaSet> = {
  controllerName: NAME,
  component: 'replicaset-controller',
  descriptor: REPLICA_SETS,
  apiVersion: 'apps/v1',
  kind: 'ReplicaSet',
  toOwner(rs) {
    const meta = rs.metadata ?? {};
    const selector = labelSelectorFromObject(rs.spec?.selector as LabelSelectorObject | undefined);
    return {
      namespace: meta.namespace ?? '',
      name: meta.name ?? '',
      uid: meta.uid ?? '',
      generation: meta.generation ?? 0,
      deleting: Boolean(meta.deletionTimestamp),
      replicas: rs.spec?.replicas ?? 1,
      minReadySeconds: rs.spec?.minReadySeconds ?? 0,
      selector: selector.ok ? selector.selector : undefined,
      template: rs.spec?.template as PodTemplateSpec | undefined,
      status: (rs.status ?? { replicas: 0 }) as ReplicaStatus,
      object: withTypeMeta(rs, 'apps/v1', 'ReplicaSet'),
    };
  },
  withStatus(rs, status) {
    return { ...rs, status: status as ReplicaSet['status'] };
  },
};

/** Builds the ReplicaSet controller (registers its informer handlers). */
export const newReplicaSetController: ControllerFactory = (context) => new ReplicaController(context, REPLICA_SET_KIND);
