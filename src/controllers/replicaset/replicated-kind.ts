/**
 * The seam between the shared pod-management core and the kinds it manages. Upstream runs one ReplicaSet
 * controller for both ReplicaSets and ReplicationControllers by converting RCs to RSs on the way in and out;
 * here each kind supplies the same conversion: its objects as a ReplicaOwner, and a status written back.
 */
import type { PodTemplateSpec } from '../../api/core/v1/pod-spec.js';
import type { KubeObject } from '../../client/kube-object.js';
import type { ResourceDescriptor } from '../../client/rest/resource-path.js';
import type { LabelSelector } from '../../machinery/labels/index.js';

/** A condition of ReplicaSetStatus / ReplicationControllerStatus (the same shape). */
export interface ReplicaCondition {
  type: string;
  status: string;
  lastTransitionTime?: string;
  reason?: string;
  message?: string;
}

/** ReplicaSetStatus / ReplicationControllerStatus (the same fields). */
export interface ReplicaStatus {
  replicas: number;
  fullyLabeledReplicas?: number;
  readyReplicas?: number;
  availableReplicas?: number;
  observedGeneration?: number;
  conditions?: ReplicaCondition[];
}

/** An RS or RC as the core sees it: read-only, converted from a cached object. */
export interface ReplicaOwner {
  readonly namespace: string;
  readonly name: string;
  readonly uid: string;
  readonly generation: number;
  readonly deleting: boolean;
  /** spec.replicas (1 when absent, as defaulting makes it). */
  readonly replicas: number;
  readonly minReadySeconds: number;
  /** The pod selector; undefined when it cannot be converted (an invalid selector selects nothing). */
  readonly selector: LabelSelector | undefined;
  readonly template: PodTemplateSpec | undefined;
  readonly status: ReplicaStatus;
  /** The object itself, with apiVersion and kind set (for events and owner references). */
  readonly object: KubeObject;
}

/** What one managed kind supplies to the core. */
export interface ReplicatedKind<T extends KubeObject> {
  /** Upstream's controller name (`replicaset`, `replicationcontroller`). */
  readonly controllerName: string;
  /** The event source component (`replicaset-controller`, `replication-controller`). */
  readonly component: string;
  readonly descriptor: ResourceDescriptor;
  readonly apiVersion: string;
  readonly kind: string;
  /** The cached object as a ReplicaOwner. Must not mutate `obj`. */
  toOwner(obj: T): ReplicaOwner;
  /** A copy of `obj` carrying `status` (what updateStatus sends). Must not mutate `obj`. */
  withStatus(obj: T, status: ReplicaStatus): T;
}

/** `obj` with apiVersion and kind filled in (list items may lack them), as a shallow copy when needed. */
export function withTypeMeta<T extends KubeObject>(obj: T, apiVersion: string, kind: string): T {
  return obj.apiVersion === apiVersion && obj.kind === kind ? obj : { ...obj, apiVersion, kind };
}
