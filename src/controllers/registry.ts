/**
 * The controllers of `skiff controller-manager`, by upstream's `--controllers` names: the one explicit map
 * the manager picks from.
 */
import type { ControllerFactory } from './framework/controller.js';
import { NAME as CronJob, newCronJobController } from './cronjob/cronjob-controller.js';
import { NAME as DaemonSet, newDaemonSetController } from './daemonset/daemonset-controller.js';
import { NAME as Deployment, newDeploymentController } from './deployment/deployment-controller.js';
import { NAME as Disruption, newDisruptionController } from './disruption/disruption-controller.js';
import { NAME as EndpointSlice, newEndpointSliceController } from './endpoint-slice/endpoint-slice-controller.js';
import { NAME as Endpoints, newEndpointsController } from './endpoints/endpoints-controller.js';
import {
  NAME as GarbageCollector,
  newGarbageCollectorController,
} from './garbage-collector/garbage-collector-controller.js';
import { NAME as Job, newJobController } from './job/job-controller.js';
import { NAME as Namespace, newNamespaceController } from './namespace/namespace-controller.js';
import { NAME as NodeLifecycle, newNodeLifecycleController } from './node-lifecycle/node-lifecycle-controller.js';
import { NAME as PodGc, newPodGcController } from './pod-gc/pod-gc-controller.js';
import { NAME as ReplicaSet, newReplicaSetController } from './replicaset/replicaset-controller.js';
import {
  NAME as ReplicationController,
  newReplicationControllerController,
} from './replication-controller/replication-controller.js';
import { NAME as ResourceQuota, newResourceQuotaController } from './resource-quota/resource-quota-controller.js';
import { NAME as StatefulSet, newStatefulSetController } from './statefulset/statefulset-controller.js';
import { NAME as ServiceAccount, newServiceAccountController } from './service-account/service-account-controller.js';
import { NAME as TaintEviction, newTaintEvictionController } from './taint-eviction/taint-eviction-controller.js';
import {
  NAME as TtlAfterFinished,
  newTtlAfterFinishedController,
} from './ttl-after-finished/ttl-after-finished-controller.js';

export function controllerRegistry(): Map<string, ControllerFactory> {
  return new Map<string, ControllerFactory>([
    [Namespace, newNamespaceController],
    [GarbageCollector, newGarbageCollectorController],
    [ServiceAccount, newServiceAccountController],
    [ReplicaSet, newReplicaSetController],
    [ReplicationController, newReplicationControllerController],
    [Deployment, newDeploymentController],
    [Job, newJobController],
    [CronJob, newCronJobController],
    [TtlAfterFinished, newTtlAfterFinishedController],
    [StatefulSet, newStatefulSetController],
    [DaemonSet, newDaemonSetController],
    [Endpoints, newEndpointsController],
    [EndpointSlice, newEndpointSliceController],
    [Disruption, newDisruptionController],
    [NodeLifecycle, newNodeLifecycleController],
    [TaintEviction, newTaintEvictionController],
    [PodGc, newPodGcController],
    [ResourceQuota, newResourceQuotaController],
  ]);
}
