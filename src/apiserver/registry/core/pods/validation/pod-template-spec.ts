/**
 * PodTemplateSpec validation (upstream's ValidatePodTemplateSpec), shared by PodTemplate,
 * ReplicationController and the workload kinds (Deployment, Job, …) that embed a pod template.
 */
import { type FieldError, type FieldPath, forbidden, invalid, tooLong } from '../../../../../machinery/field-errors.js';
import { invalidEach, isObj, labelsErrors, type Obj, objects, stringMap, text } from './common.js';
import { isQualifiedName } from './formats.js';
import { podSpecErrors } from './pod-spec.js';

const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const DELETION_COST_ANNOTATION = 'controller.kubernetes.io/pod-deletion-cost';
const ANNOTATIONS_MAX_BYTES = 256 * 1024;

/** Annotation keys are qualified names (compared in lower case); all of them together fit in 256 KiB. */
export function annotationsErrors(annotations: unknown, path: FieldPath): FieldError[] {
  const map = stringMap(annotations);
  const errors = Object.keys(map).flatMap((k) => invalidEach(path, k, isQualifiedName(k.toLowerCase())));
  const size = Object.entries(map).reduce((n, [k, v]) => n + Buffer.byteLength(k) + Buffer.byteLength(String(v)), 0);
  if (size > ANNOTATIONS_MAX_BYTES) errors.push(tooLong(path, '', ANNOTATIONS_MAX_BYTES));
  return errors;
}

/** Annotations with meaning for pods: the mirror-pod marker and the deletion cost. */
export function podAnnotationsErrors(annotations: unknown, spec: unknown, path: FieldPath): FieldError[] {
  const map = stringMap(annotations);
  const errors: FieldError[] = [];
  const mirror = map[MIRROR_ANNOTATION];
  if (mirror !== undefined && text(isObj(spec) ? spec.nodeName : undefined) === '') {
    errors.push(invalid(path.key(MIRROR_ANNOTATION), mirror, 'must set spec.nodeName if mirror pod annotation is set'));
  }
  const cost = map[DELETION_COST_ANNOTATION];
  if (cost !== undefined) {
    const n = Number(cost);
    if (!/^[+-]?\d+$/.test(cost.trim()) || n < -(2 ** 31) || n > 2 ** 31 - 1) {
      errors.push(invalid(path.key(DELETION_COST_ANNOTATION), cost, 'must be a 32bit integer'));
    }
  }
  return errors;
}

/** Validates a PodTemplateSpec at `path` (e.g. `template` or `spec.template`). */
export function podTemplateSpecErrors(templateValue: unknown, path: FieldPath): FieldError[] {
  const template: Obj = isObj(templateValue) ? templateValue : {};
  const meta = isObj(template.metadata) ? template.metadata : {};
  const errors = [
    ...labelsErrors(meta.labels, path.child('labels')),
    ...annotationsErrors(meta.annotations, path.child('annotations')),
    ...podAnnotationsErrors(meta.annotations, template.spec, path.child('annotations')),
    ...podSpecErrors(template.spec, path.child('spec'), { isPod: false }),
  ];
  if (isObj(template.spec) && objects(template.spec.ephemeralContainers).length > 0) {
    errors.push(
      forbidden(path.child('spec', 'ephemeralContainers'), 'ephemeral containers not allowed in pod template'),
    );
  }
  return errors;
}
