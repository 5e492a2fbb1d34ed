/**
 * Owner references: who controls an object (upstream metav1.GetControllerOf / NewControllerRef).
 */
import type { KubeObject } from '../../client/kube-object.js';

export interface OwnerReference {
  apiVersion: string;
  kind: string;
  name: string;
  uid: string;
  controller?: boolean;
  blockOwnerDeletion?: boolean;
}

interface WithOwners {
  readonly metadata?: { readonly ownerReferences?: readonly OwnerReference[] | null };
}

/** The owner reference with `controller: true`, if any. */
export function controllerOf(obj: KubeObject): OwnerReference | undefined {
  return ((obj as WithOwners).metadata?.ownerReferences ?? []).find((r) => r.controller === true);
}

/** Whether `obj` is controlled by the object with `uid`. */
export function isControlledBy(obj: KubeObject, uid: string | undefined): boolean {
  return uid !== undefined && controllerOf(obj)?.uid === uid;
}

/** A controller reference to `owner` (controller and blockOwnerDeletion set, as upstream's controllers do). */
export function controllerRef(owner: KubeObject, apiVersion: string, kind: string): OwnerReference {
  return {
    apiVersion,
    kind,
    name: owner.metadata?.name ?? '',
    uid: owner.metadata?.uid ?? '',
    controller: true,
    blockOwnerDeletion: true,
  };
}
