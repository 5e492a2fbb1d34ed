/**
 * A StatefulSet pod's identity (upstream stateful_set_utils): its name `<set>-<ordinal>`, its hostname and
 * subdomain, its identity labels, and its storage — one PersistentVolumeClaim per volume claim template,
 * named `<template>-<set>-<ordinal>`, mounted as the volume of the template's name.
 */
import type { StatefulSet } from '../../api/apps/v1/stateful-set.js';
import type { PersistentVolumeClaim } from '../../api/core/v1/persistent-volume-claim.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { PodTemplateSpec } from '../../api/core/v1/pod-spec.js';
import type { Volume } from '../../api/core/v1/volume.js';
import { controllerRef } from '../framework/owner-references.js';
import { podFromTemplate } from '../replicaset/pod-from-template.js';
import {
  endOrdinal,
  POD_INDEX_LABEL,
  POD_NAME_LABEL,
  STATEFUL_SET_API_VERSION,
  STATEFUL_SET_KIND,
  STATEFUL_SET_REVISION_LABEL,
  startOrdinal,
} from './stateful-set-spec.js';

const STATEFUL_POD_NAME = /^(.*)-([0-9]+)$/;
const INT32_MAX = 2 ** 31 - 1;

/**
 * The parent set's name and the ordinal of a pod named `name` (upstream getParentNameAndOrdinal): parent ''
 * and ordinal -1 when the name does not end in `-<digits>`; ordinal -1 when the digits overflow an int32.
 */
export function parentNameAndOrdinal(name: string): { parent: string; ordinal: number } {
  const match = STATEFUL_POD_NAME.exec(name);
  if (match === null) return { parent: '', ordinal: -1 };
  const ordinal = Number(match[2]);
  return { parent: match[1] ?? '', ordinal: Number.isSafeInteger(ordinal) && ordinal <= INT32_MAX ? ordinal : -1 };
}

/** The pod's ordinal, -1 when its name has none. */
export const ordinalOf = (pod: Pod): number => parentNameAndOrdinal(pod.metadata?.name ?? '').ordinal;

/** `<set>-<ordinal>`. */
export const podName = (set: StatefulSet, ordinal: number): string => `${set.metadata?.name ?? ''}-${ordinal}`;

/** `<template>-<set>-<ordinal>`. */
export const claimName = (set: StatefulSet, templateName: string, ordinal: number): string =>
  `${templateName}-${set.metadata?.name ?? ''}-${ordinal}`;

/** Whether the pod's name makes it one of the set's (upstream isMemberOf). */
export const isMemberOf = (set: StatefulSet, pod: Pod): boolean =>
  parentNameAndOrdinal(pod.metadata?.name ?? '').parent === (set.metadata?.name ?? '');

/** Whether the pod's ordinal is one the set currently wants. */
export function podInOrdinalRange(pod: Pod, set: StatefulSet): boolean {
  const ordinal = ordinalOf(pod);
  return ordinal >= startOrdinal(set) && ordinal <= endOrdinal(set);
}

/** Whether the pod's name, namespace and pod-name label are the set's (upstream identityMatches). */
export function identityMatches(set: StatefulSet, pod: Pod): boolean {
  const { parent, ordinal } = parentNameAndOrdinal(pod.metadata?.name ?? '');
  return (
    ordinal >= 0 &&
    parent === set.metadata?.name &&
    pod.metadata?.name === podName(set, ordinal) &&
    pod.metadata?.namespace === set.metadata?.namespace &&
    pod.metadata?.labels?.[POD_NAME_LABEL] === pod.metadata?.name
  );
}

/** Whether the pod mounts every claim of the set's templates under the template's name (upstream storageMatches). */
export function storageMatches(set: StatefulSet, pod: Pod): boolean {
  const ordinal = ordinalOf(pod);
  if (ordinal < 0) return false;
  const volumes = new Map((pod.spec?.volumes ?? []).map((v) => [v.name, v]));
  for (const template of set.spec?.volumeClaimTemplates ?? []) {
    const name = template.metadata?.name ?? '';
    const volume = volumes.get(name);
    if (volume?.persistentVolumeClaim?.claimName !== claimName(set, name, ordinal)) return false;
  }
  return true;
}

/**
 * The claims of the pod with `ordinal`, by template name, in template order (upstream
 * getPersistentVolumeClaims): each template copied, renamed, placed in the set's namespace, and labelled
 * with the set's selector matchLabels on top of its own labels.
 */
export function claimsFor(set: StatefulSet, ordinal: number): Map<string, PersistentVolumeClaim> {
  const matchLabels = set.spec?.selector?.matchLabels ?? {};
  const claims = new Map<string, PersistentVolumeClaim>();
  for (const template of set.spec?.volumeClaimTemplates ?? []) {
    const templateName = template.metadata?.name ?? '';
    const claim = structuredClone(template) as PersistentVolumeClaim;
    delete (claim as { status?: unknown }).status;
    claim.apiVersion = 'v1';
    claim.kind = 'PersistentVolumeClaim';
    claim.metadata = {
      ...claim.metadata,
      name: claimName(set, templateName, ordinal),
      namespace: set.metadata?.namespace ?? '',
      labels: { ...(claim.metadata?.labels ?? {}), ...matchLabels },
    };
    claims.set(templateName, claim);
  }
  return claims;
}

/** Points the pod's claim volumes at its claims, keeping its other volumes (upstream updateStorage). Mutates `pod`. */
export function updateStorage(set: StatefulSet, pod: Pod): void {
  const claims = claimsFor(set, ordinalOf(pod));
  const volumes: Volume[] = [];
  for (const [name, claim] of claims) {
    volumes.push({ name, persistentVolumeClaim: { claimName: claim.metadata?.name ?? '', readOnly: false } });
  }
  for (const volume of pod.spec?.volumes ?? []) if (!claims.has(volume.name ?? '')) volumes.push(volume);
  pod.spec = { ...pod.spec, containers: pod.spec?.containers ?? [], volumes };
}

/** Sets the pod's name, namespace and identity labels from its ordinal (upstream updateIdentity). Mutates `pod`. */
export function updateIdentity(set: StatefulSet, pod: Pod): void {
  const ordinal = ordinalOf(pod);
  const name = podName(set, ordinal);
  pod.metadata = {
    ...pod.metadata,
    name,
    namespace: set.metadata?.namespace ?? '',
    labels: { ...(pod.metadata?.labels ?? {}), [POD_NAME_LABEL]: name, [POD_INDEX_LABEL]: String(ordinal) },
  };
}

/** updateIdentity plus hostname and subdomain, which are immutable and so only set at creation. Mutates `pod`. */
export function initIdentity(set: StatefulSet, pod: Pod): void {
  updateIdentity(set, pod);
  pod.spec = {
    ...pod.spec,
    containers: pod.spec?.containers ?? [],
    hostname: pod.metadata?.name ?? '',
    ...(set.spec?.serviceName ? { subdomain: set.spec.serviceName } : {}),
  };
}

/**
 * The pod of `ordinal` stamped from `template` and labelled with `revision` (upstream newStatefulSetPod plus
 * setPodRevision): controlled by `set`, named and stored as the set says.
 */
export function newStatefulSetPod(
  set: StatefulSet,
  template: PodTemplateSpec | undefined,
  ordinal: number,
  revision: string,
): Pod {
  const ref = controllerRef(set, STATEFUL_SET_API_VERSION, STATEFUL_SET_KIND);
  const pod = podFromTemplate(template ?? {}, set.metadata?.name ?? '', ref);
  pod.metadata = { ...pod.metadata, name: podName(set, ordinal) };
  initIdentity(set, pod);
  updateStorage(set, pod);
  pod.metadata = {
    ...pod.metadata,
    labels: { ...(pod.metadata?.labels ?? {}), [STATEFUL_SET_REVISION_LABEL]: revision },
  };
  return pod;
}
