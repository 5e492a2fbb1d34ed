/**
 * The ReplicationController controller (upstream `replicationcontroller`): the ReplicaSet controller's core
 * applied to core/v1 ReplicationControllers, whose selector is a plain label map. As upstream, an RC is
 * handled as if it were a ReplicaSet; only its conversion lives here.
 */
import type { ReplicationController } from '../../api/core/v1/replication-controller.js';
import type { PodTemplateSpec } from '../../api/core/v1/pod-spec.js';
import { labelSelectorFromSet } from '../../machinery/labels/index.js';
import type { ControllerFactory } from '../framework/controller.js';
import { ReplicaController } from '../replicaset/replica-controller.js';
import { type ReplicaStatus, type ReplicatedKind, withTypeMeta } from '../replicaset/replicated-kind.js';

export const NAME = 'replicationcontroller';

export const REPLICATION_CONTROLLERS = {
  group: '',
  version: 'v1',
  resource: 'replicationcontrollers',
  namespaced: true,
} as const;

/** ReplicationControllers as the shared core manages them. */
export const REPLICATION_CONTROLLER_KIND: ReplicatedKind<ReplicationController> = {
  controllerName: NAME,
  component: 'replication-controller',
  descriptor: REPLICATION_CONTROLLERS,
  apiVersion: 'v1',
  kind: 'ReplicationController',
  toOwner(rc) {
    const meta = rc.metadata ?? {};
    return {
      namespace: meta.namespace ?? '',
      name: meta.name ?? '',
      uid: meta.uid ?? '',
      generation: meta.generation ?? 0,
      deleting: Boolean(meta.deletionTimestamp),
      replicas: rc.spec?.replicas ?? 1,
      minReadySeconds: rc.spec?.minReadySeconds ?? 0,
      // As upstream's conversion: the map becomes matchLabels (an empty map selects every pod).
      selector: labelSelectorFromSet(rc.spec?.selector),
      template: rc.spec?.template as PodTemplateSpec | undefined,
      status: (rc.status ?? { replicas: 0 }) as ReplicaStatus,
      object: withTypeMeta(rc, 'v1', 'ReplicationController'),
    };
  },
  withStatus(rc, status) {
    return { ...rc, status: status as ReplicationController['status'] };
  },
};

/** Builds the ReplicationController controller (registers its informer handlers). */
export const newReplicationControllerController: ControllerFactory = (context) =>
  new ReplicaController(context, REPLICATION_CONTROLLER_KIND);
