/**
 * PersistentVolumeClaim retention (upstream StatefulSetAutoDeletePVC, stateful_set_utils): the claims' owner
 * references say who the garbage collector deletes them with.
 *
 *   whenScaled Retain, whenDeleted Retain  → no reference to the set or the pod
 *   whenScaled Retain, whenDeleted Delete  → the set controls the claim
 *   whenScaled Delete, whenDeleted Retain  → the pod controls the claim once its ordinal is scaled away
 *   whenScaled Delete, whenDeleted Delete  → the set, or the pod once its ordinal is scaled away
 *
 * Claims referencing an older set or pod of the same name (a stale UID), or controlled by someone else, are
 * left alone.
 */
import type { StatefulSet } from '../../api/apps/v1/stateful-set.js';
import type { PersistentVolumeClaim } from '../../api/core/v1/persistent-volume-claim.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { KubeObject } from '../../client/kube-object.js';
import { controllerRef, type OwnerReference } from '../framework/owner-references.js';
import { podInOrdinalRange } from './stateful-identity.js';
import {
  ClaimRetentionPolicy,
  retentionPolicyOf,
  STATEFUL_SET_API_VERSION,
  STATEFUL_SET_KIND,
} from './stateful-set-spec.js';

const POD_API_VERSION = 'v1';
const POD_KIND = 'Pod';

const refsOf = (claim: PersistentVolumeClaim): OwnerReference[] =>
  (claim.metadata?.ownerReferences ?? []) as OwnerReference[];

/** Whether `ref` names `obj` as the given kind (name, apiVersion and kind equal; the UID is not compared). */
function matchesRef(ref: OwnerReference, obj: KubeObject, apiVersion: string, kind: string): boolean {
  return ref.apiVersion === apiVersion && ref.kind === kind && ref.name === (obj.metadata?.name ?? '');
}

const isSetRef = (ref: OwnerReference, set: StatefulSet): boolean =>
  matchesRef(ref, set, STATEFUL_SET_API_VERSION, STATEFUL_SET_KIND);
const isPodRef = (ref: OwnerReference, pod: Pod): boolean => matchesRef(ref, pod, POD_API_VERSION, POD_KIND);

/** Whether `target` references the object with `owner`'s UID (controller or not). */
const hasOwnerRef = (claim: PersistentVolumeClaim, owner: KubeObject): boolean =>
  refsOf(claim).some((r) => r.uid === (owner.metadata?.uid ?? ''));

/** Whether the first reference naming `obj` carries another UID (a deleted namesake's). */
function hasStaleOwnerRef(claim: PersistentVolumeClaim, obj: KubeObject, apiVersion: string, kind: string): boolean {
  const ref = refsOf(claim).find((r) => matchesRef(r, obj, apiVersion, kind));
  return ref !== undefined && ref.uid !== (obj.metadata?.uid ?? '');
}

/** Whether `pod` (or a pod not yet created, with no UID) would find the claim held by a former namesake. */
export function podClaimIsStale(claim: PersistentVolumeClaim, pod: Pod): boolean {
  return hasStaleOwnerRef(claim, pod, POD_API_VERSION, POD_KIND);
}

/**
 * Whether the claim has a controller other than the set and the pod, under a policy that deletes claims
 * (upstream hasUnexpectedController); references to a namesake of the set or pod count as unexpected.
 */
export function hasUnexpectedController(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  const policy = retentionPolicyOf(set);
  if (policy.whenScaled === ClaimRetentionPolicy.Retain && policy.whenDeleted === ClaimRetentionPolicy.Retain) {
    return false;
  }
  for (const ref of refsOf(claim)) {
    if (isSetRef(ref, set)) {
      if (ref.uid !== set.metadata?.uid) return true;
      continue;
    }
    if (isPodRef(ref, pod)) {
      if (ref.uid !== pod.metadata?.uid) return true;
      continue;
    }
    if (ref.controller === true) return true;
  }
  return false;
}

/** Whether the set or the pod references the claim without controlling it. */
function hasNonControllerOwner(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  return refsOf(claim).some(
    (r) => (r.uid === set.metadata?.uid || r.uid === pod.metadata?.uid) && r.controller !== true,
  );
}

/** Whether the claim's references already follow the set's policy (upstream isClaimOwnerUpToDate). */
export function isClaimOwnerUpToDate(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): boolean {
  if (
    hasStaleOwnerRef(claim, set, STATEFUL_SET_API_VERSION, STATEFUL_SET_KIND) ||
    hasStaleOwnerRef(claim, pod, POD_API_VERSION, POD_KIND)
  ) {
    return true;
  }
  if (hasUnexpectedController(claim, set, pod)) return !(hasOwnerRef(claim, set) || hasOwnerRef(claim, pod));
  if (hasNonControllerOwner(claim, set, pod)) return false;
  const { whenScaled, whenDeleted } = retentionPolicyOf(set);
  const setRef = hasOwnerRef(claim, set);
  const podRef = hasOwnerRef(claim, pod);
  const scaledDown = !podInOrdinalRange(pod, set);
  const wantSetRef =
    whenDeleted === ClaimRetentionPolicy.Delete && !(whenScaled === ClaimRetentionPolicy.Delete && scaledDown);
  const wantPodRef = whenScaled === ClaimRetentionPolicy.Delete && scaledDown;
  return setRef === wantSetRef && podRef === wantPodRef;
}

/**
 * The claim's owner references after applying the policy (upstream updateClaimOwnerRefForSetAndPod): every
 * reference naming the set or the pod is dropped, then the controller references the policy wants are
 * added — none when another controller holds the claim. Does not mutate `claim`.
 */
export function claimOwnerRefsFor(claim: PersistentVolumeClaim, set: StatefulSet, pod: Pod): OwnerReference[] {
  const unexpected = hasUnexpectedController(claim, set, pod);
  const refs = refsOf(claim).filter((r) => !isSetRef(r, set) && !isPodRef(r, pod));
  if (unexpected) return refs;
  const { whenScaled, whenDeleted } = retentionPolicyOf(set);
  const scaledDown = !podInOrdinalRange(pod, set);
  const add = (owner: KubeObject, apiVersion: string, kind: string): void => {
    if (!refs.some((r) => r.uid === owner.metadata?.uid)) refs.push(controllerRef(owner, apiVersion, kind));
  };
  if (whenScaled === ClaimRetentionPolicy.Delete && scaledDown) add(pod, POD_API_VERSION, POD_KIND);
  if (whenDeleted === ClaimRetentionPolicy.Delete && !(whenScaled === ClaimRetentionPolicy.Delete && scaledDown)) {
    add(set, STATEFUL_SET_API_VERSION, STATEFUL_SET_KIND);
  }
  return refs;
}
