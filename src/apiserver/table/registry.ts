/**
 * Which printer each kind uses: one explicit map from `group/Kind` (core group: `/Kind`). Kinds not listed
 * print with the default NAME / CREATED AT printer, as upstream's API server does for kinds without a printer.
 */
import { horizontalPodAutoscalerPrinter, podDisruptionBudgetPrinter } from './autoscaling-printers.js';
import { cronJobPrinter, jobPrinter } from './batch-printers.js';
import { leasePrinter, namespacePrinter, nodePrinter, priorityClassPrinter } from './cluster-printers.js';
import { configMapPrinter, resourceQuotaPrinter, secretPrinter, serviceAccountPrinter } from './config-printers.js';
import { defaultPrinter } from './default-printer.js';
import { eventPrinter, eventsApiEventPrinter } from './event-printers.js';
import {
  endpointSlicePrinter,
  endpointsPrinter,
  ingressClassPrinter,
  ingressPrinter,
  networkPolicyPrinter,
  servicePrinter,
} from './network-printers.js';
import { podPrinter, podTemplatePrinter } from './pod-printers.js';
import { clusterRoleBindingPrinter, roleBindingPrinter } from './rbac-printers.js';
import { persistentVolumeClaimPrinter, persistentVolumePrinter, storageClassPrinter } from './storage-printers.js';
import type { Printer } from './types.js';
import {
  controllerRevisionPrinter,
  daemonSetPrinter,
  deploymentPrinter,
  replicaSetPrinter,
  replicationControllerPrinter,
  statefulSetPrinter,
} from './workload-printers.js';

const key = (group: string, kind: string): string => `${group}/${kind}`;

/**
 * Every kind with its own printer. Roles, ClusterRoles and LimitRanges are listed on purpose with the default
 * printer: upstream has none for them either.
 */
export const PRINTERS: ReadonlyMap<string, Printer> = new Map<string, Printer>([
  [key('', 'Pod'), podPrinter],
  [key('', 'PodTemplate'), podTemplatePrinter],
  [key('', 'ReplicationController'), replicationControllerPrinter],
  [key('', 'Service'), servicePrinter],
  [key('', 'Endpoints'), endpointsPrinter],
  [key('', 'Node'), nodePrinter],
  [key('', 'Namespace'), namespacePrinter],
  [key('', 'Event'), eventPrinter],
  [key('', 'LimitRange'), defaultPrinter],
  [key('', 'ResourceQuota'), resourceQuotaPrinter],
  [key('', 'PersistentVolume'), persistentVolumePrinter],
  [key('', 'PersistentVolumeClaim'), persistentVolumeClaimPrinter],
  [key('', 'ConfigMap'), configMapPrinter],
  [key('', 'Secret'), secretPrinter],
  [key('', 'ServiceAccount'), serviceAccountPrinter],
  [key('events.k8s.io', 'Event'), eventsApiEventPrinter],
  [key('apps', 'Deployment'), deploymentPrinter],
  [key('apps', 'ReplicaSet'), replicaSetPrinter],
  [key('apps', 'StatefulSet'), statefulSetPrinter],
  [key('apps', 'DaemonSet'), daemonSetPrinter],
  [key('apps', 'ControllerRevision'), controllerRevisionPrinter],
  [key('batch', 'Job'), jobPrinter],
  [key('batch', 'CronJob'), cronJobPrinter],
  [key('autoscaling', 'HorizontalPodAutoscaler'), horizontalPodAutoscalerPrinter],
  [key('coordination.k8s.io', 'Lease'), leasePrinter],
  [key('discovery.k8s.io', 'EndpointSlice'), endpointSlicePrinter],
  [key('networking.k8s.io', 'Ingress'), ingressPrinter],
  [key('networking.k8s.io', 'IngressClass'), ingressClassPrinter],
  [key('networking.k8s.io', 'NetworkPolicy'), networkPolicyPrinter],
  [key('policy', 'PodDisruptionBudget'), podDisruptionBudgetPrinter],
  [key('rbac.authorization.k8s.io', 'Role'), defaultPrinter],
  [key('rbac.authorization.k8s.io', 'ClusterRole'), defaultPrinter],
  [key('rbac.authorization.k8s.io', 'RoleBinding'), roleBindingPrinter],
  [key('rbac.authorization.k8s.io', 'ClusterRoleBinding'), clusterRoleBindingPrinter],
  [key('scheduling.k8s.io', 'PriorityClass'), priorityClassPrinter],
  [key('storage.k8s.io', 'StorageClass'), storageClassPrinter],
]);

/** The printer for a kind of `group` (`''` for the core group); the default printer for unlisted kinds. */
export const printerFor = (group: string, kind: string): Printer => PRINTERS.get(key(group, kind)) ?? defaultPrinter;
