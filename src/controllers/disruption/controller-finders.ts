/**
 * The scale of a pod's controller (upstream disruption controller finders): a ReplicationController, the
 * Deployment of a ReplicaSet, a ReplicaSet of its own, or a StatefulSet — read from the informer caches,
 * checked by UID against the pod's controller reference. Other kinds are not found (upstream would ask their
 * scale subresource).
 */
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { StatefulSet } from '../../api/apps/v1/stateful-set.js';
import type { ReplicationController } from '../../api/core/v1/replication-controller.js';
import type { KubeObject } from '../../client/kube-object.js';
import type { Lister } from '../../client/listers/lister.js';
import { controllerOf, type OwnerReference } from '../framework/owner-references.js';

export interface ControllerScale {
  readonly uid: string;
  /** spec.replicas of the controller. */
  readonly scale: number;
}

export interface WorkloadListers {
  readonly replicationControllers: Lister<ReplicationController>;
  readonly replicaSets: Lister<ReplicaSet>;
  readonly deployments: Lister<Deployment>;
  readonly statefulSets: Lister<StatefulSet>;
}

/** Finds the controller a pod's controller reference names; undefined when none of the known kinds. */
export type ControllerFinder = (ref: OwnerReference, namespace: string) => ControllerScale | undefined;

const groupOf = (apiVersion: string): string => (apiVersion.includes('/') ? (apiVersion.split('/')[0] ?? '') : '');

const isKind = (ref: OwnerReference, kind: string, groups: readonly string[]): boolean =>
  ref.kind === kind && groups.includes(groupOf(ref.apiVersion));

interface Scaled extends KubeObject {
  readonly spec?: { readonly replicas?: number } | null;
}

/** The cached object `namespace/ref.name` of `lister` when its UID is the reference's. */
function byRef<T extends Scaled>(lister: Lister<T>, namespace: string, ref: OwnerReference): T | undefined {
  const obj = lister.get(namespace, ref.name);
  return obj !== undefined && obj.metadata?.uid === ref.uid ? obj : undefined;
}

const scaleOf = (obj: Scaled): ControllerScale => ({ uid: obj.metadata?.uid ?? '', scale: obj.spec?.replicas ?? 1 });

/** The finders in upstream's order, over `listers`. */
export function controllerFinder(listers: WorkloadListers): ControllerFinder {
  const finders: ControllerFinder[] = [
    (ref, ns) => {
      if (!isKind(ref, 'ReplicationController', [''])) return undefined;
      const rc = byRef(listers.replicationControllers, ns, ref);
      return rc && scaleOf(rc);
    },
    (ref, ns) => {
      // A ReplicaSet owned by a Deployment: the Deployment's scale.
      if (!isKind(ref, 'ReplicaSet', ['apps', 'extensions'])) return undefined;
      const rs = byRef(listers.replicaSets, ns, ref);
      const owner = rs && controllerOf(rs);
      if (owner === undefined || !isKind(owner, 'Deployment', ['apps', 'extensions'])) return undefined;
      const deployment = byRef(listers.deployments, ns, owner);
      return deployment && scaleOf(deployment);
    },
    (ref, ns) => {
      // A ReplicaSet of its own (not a Deployment's).
      if (!isKind(ref, 'ReplicaSet', ['apps', 'extensions'])) return undefined;
      const rs = byRef(listers.replicaSets, ns, ref);
      if (rs === undefined || controllerOf(rs)?.kind === 'Deployment') return undefined;
      return scaleOf(rs);
    },
    (ref, ns) => {
      if (!isKind(ref, 'StatefulSet', ['apps'])) return undefined;
      const ss = byRef(listers.statefulSets, ns, ref);
      return ss && scaleOf(ss);
    },
  ];
  return (ref, namespace) => {
    for (const find of finders) {
      const found = find(ref, namespace);
      if (found !== undefined) return found;
    }
    return undefined;
  };
}
