/**
 * A pod stamped from an owner's template (upstream GetPodFromTemplate): the template's labels, annotations,
 * finalizers and spec; a generated name prefixed by the owner's name; and a controller reference.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { PodTemplateSpec } from '../../api/core/v1/pod-spec.js';
import type { OwnerReference } from '../framework/owner-references.js';

/** The longest valid DNS subdomain, which a generated name's prefix must fit in. */
const MAX_NAME_LENGTH = 253;

/** `<owner>-`, or the owner's name alone when the dash would make the prefix too long (as upstream). */
export function podNamePrefix(ownerName: string): string {
  const prefix = `${ownerName}-`;
  return prefix.length > MAX_NAME_LENGTH ? ownerName : prefix;
}

/** The pod to create for `template` owned by `ownerName` through `controllerRef`. Does not mutate `template`. */
export function podFromTemplate(template: PodTemplateSpec, ownerName: string, controllerRef: OwnerReference): Pod {
  const meta = template.metadata ?? {};
  const pod: Pod = {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName: podNamePrefix(ownerName),
      labels: { ...(meta.labels ?? {}) },
      annotations: { ...(meta.annotations ?? {}) },
      ownerReferences: [{ ...controllerRef }],
      ...(meta.finalizers && meta.finalizers.length > 0 ? { finalizers: [...meta.finalizers] } : {}),
    },
    spec: structuredClone(template.spec) as Pod['spec'],
  };
  return pod;
}
