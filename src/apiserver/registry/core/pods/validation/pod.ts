/** Pod validation on create and on update of the main resource (upstream's ValidatePodCreate/Update). */
import { isDeepStrictEqual } from 'node:util';
import { type FieldError, FieldPath, forbidden, invalid, required } from '../../../../../machinery/field-errors.js';
import { isObj, num, type Obj, objects, stringMap, text } from './common.js';
import { imageWhitespaceErrors } from './containers.js';
import { inclusiveRangeError } from './formats.js';
import { podSpecErrors } from './pod-spec.js';
import { podAnnotationsErrors } from './pod-template-spec.js';
import { tolerationsErrors } from './scheduling.js';
import { gatedSpecMutationErrors } from './gated-pod.js';

const SPEC = FieldPath.root('spec');
const ANNOTATIONS = FieldPath.root('metadata').child('annotations');
const MIRROR_ANNOTATION = 'kubernetes.io/config.mirror';
const APPARMOR_PREFIX = 'container.apparmor.security.beta.kubernetes.io/';
const MAX_INT32 = 2147483647;

export const UPDATABLE_FIELDS_MESSAGE =
  'pod updates may not change fields other than `spec.containers[*].image`,`spec.initContainers[*].image`,`spec.activeDeadlineSeconds`,' +
  '`spec.tolerations` (only additions to existing tolerations),' +
  '`spec.terminationGracePeriodSeconds` (allow it to be set to 1 if it was previously negative)';

const specOf = (pod: Obj): Obj => (isObj(pod.spec) ? pod.spec : {});
const metaOf = (pod: Obj): Obj => (isObj(pod.metadata) ? pod.metadata : {});

/** What create and update both check: annotations, the spec as a pod's, images without whitespace. */
function podMetadataAndSpecErrors(pod: Obj): FieldError[] {
  const spec = specOf(pod);
  const meta = metaOf(pod);
  const podName = text(meta.name);
  return [
    ...podAnnotationsErrors(meta.annotations, spec, ANNOTATIONS),
    ...podSpecErrors(pod.spec, SPEC, { isPod: true, ...(podName === '' ? {} : { podName }) }),
    ...objects(spec.containers).flatMap((c, i) => imageWhitespaceErrors(c, SPEC.child('containers').index(i))),
    ...objects(spec.initContainers).flatMap((c, i) => imageWhitespaceErrors(c, SPEC.child('initContainers').index(i))),
  ];
}

/** Field errors of a new pod. */
export function podCreateErrors(pod: Obj): FieldError[] {
  const spec = specOf(pod);
  const errors = podMetadataAndSpecErrors(pod);
  if (objects(spec.ephemeralContainers).length > 0)
    errors.push(forbidden(SPEC.child('ephemeralContainers'), 'cannot be set on create'));
  if (text(spec.nodeName) !== '' && objects(spec.schedulingGates).length > 0) {
    errors.push(forbidden(SPEC.child('nodeName'), 'cannot be set until all schedulingGates have been cleared'));
  }
  return errors;
}

/** The mirror-pod marker and the deprecated AppArmor annotations may not change on update. */
function annotationUpdateErrors(pod: Obj, old: Obj): FieldError[] {
  const now = stringMap(metaOf(pod).annotations);
  const before = stringMap(metaOf(old).annotations);
  const errors: FieldError[] = [];
  for (const [k, v] of Object.entries(before)) {
    if (now[k] === v) continue;
    if (k.startsWith(APPARMOR_PREFIX))
      errors.push(forbidden(ANNOTATIONS.key(k), 'may not remove or update AppArmor annotations'));
    if (k === MIRROR_ANNOTATION)
      errors.push(forbidden(ANNOTATIONS.key(k), 'may not remove or update mirror pod annotation'));
  }
  for (const k of Object.keys(now)) {
    if (k in before) continue;
    if (k.startsWith(APPARMOR_PREFIX)) errors.push(forbidden(ANNOTATIONS.key(k), 'may not add AppArmor annotations'));
    if (k === MIRROR_ANNOTATION) errors.push(forbidden(ANNOTATIONS.key(k), 'may not add mirror pod annotation'));
  }
  return errors;
}

/** Containers may not be added or removed, and each needs an image. */
function containerUpdateErrors(
  now: unknown,
  before: unknown,
  path: FieldPath,
): { errors: FieldError[]; stop: boolean } {
  const list = objects(now);
  if (list.length !== objects(before).length)
    return { errors: [forbidden(path, 'pod updates may not add or remove containers')], stop: true };
  const errors = list.flatMap((c, i) => [
    ...(text(c.image) === '' ? [required(path.index(i).child('image'))] : []),
    ...imageWhitespaceErrors(c, path.index(i)),
  ]);
  return { errors, stop: false };
}

function activeDeadlineErrors(now: unknown, before: unknown): FieldError[] {
  const path = SPEC.child('activeDeadlineSeconds');
  const value = num(now);
  const previous = num(before);
  if (value === undefined)
    return previous === undefined ? [] : [invalid(path, null, 'must not update from a positive integer to nil value')];
  if (value < 0 || value > MAX_INT32) return [invalid(path, value, inclusiveRangeError(0, MAX_INT32))];
  if (previous !== undefined && previous < value)
    return [invalid(path, value, 'must be less than or equal to previous value')];
  return [];
}

/** Existing tolerations stay (only their tolerationSeconds may change); new ones may be added. */
function tolerationUpdateErrors(now: unknown, before: unknown): FieldError[] {
  const path = SPEC.child('tolerations');
  const current = objects(now);
  for (const old of objects(before)) {
    const kept = current.some((t) => same({ ...old, tolerationSeconds: t.tolerationSeconds }, t));
    if (!kept) return [forbidden(path, 'existing toleration can not be modified except its tolerationSeconds')];
  }
  return tolerationsErrors(now, path);
}

/** Scheduling gates may only be removed. */
function schedulingGateUpdateErrors(now: unknown, before: unknown): FieldError[] {
  const old = new Set(objects(before).map((g) => text(g.name)));
  return objects(now).flatMap((g, i) =>
    old.has(text(g.name))
      ? []
      : [
          forbidden(
            SPEC.child('schedulingGates').index(i).child('name'),
            `only deletion is allowed, but found new scheduling gate '${text(g.name)}'`,
          ),
        ],
  );
}

/** JSON equality, treating absent and undefined alike. */
const same = (a: unknown, b: unknown): boolean =>
  isDeepStrictEqual(JSON.parse(JSON.stringify(a ?? null)), JSON.parse(JSON.stringify(b ?? null)));

/** A readable list of the spec fields that differ (upstream prints a Go struct diff here). */
function specDiff(before: Obj, now: Obj): string {
  const keys = [...new Set([...Object.keys(before), ...Object.keys(now)])].filter((k) => !same(before[k], now[k]));
  const lines = keys.flatMap((k) => [
    `- \t${k}: ${JSON.stringify(before[k] ?? null)},`,
    `+ \t${k}: ${JSON.stringify(now[k] ?? null)},`,
  ]);
  return ['  v1.PodSpec{', ...lines, '  }'].join('\n');
}

/** Field errors of an update of the main resource (status is the status subresource's business). */
export function podUpdateErrors(pod: Obj, old: Obj): FieldError[] {
  const spec = specOf(pod);
  const oldSpec = specOf(old);
  const errors = [...podMetadataAndSpecErrors(pod), ...annotationUpdateErrors(pod, old)];
  for (const key of ['containers', 'initContainers'] as const) {
    const result = containerUpdateErrors(spec[key], oldSpec[key], SPEC.child(key));
    errors.push(...result.errors);
    if (result.stop) return errors;
  }
  const deadline = activeDeadlineErrors(spec.activeDeadlineSeconds, oldSpec.activeDeadlineSeconds);
  errors.push(...deadline);
  if (deadline.some((e) => e.detail !== 'must not update from a positive integer to nil value')) return errors;
  errors.push(...tolerationUpdateErrors(spec.tolerations, oldSpec.tolerations));
  errors.push(...schedulingGateUpdateErrors(spec.schedulingGates, oldSpec.schedulingGates));
  if (same(spec, oldSpec)) return errors;

  const munged: Obj = structuredClone(spec);
  for (const key of ['containers', 'initContainers'] as const) {
    const oldList = objects(oldSpec[key]);
    objects(munged[key]).forEach((c, i) => {
      c.image = oldList[i]?.image;
    });
  }
  for (const key of ['activeDeadlineSeconds', 'schedulingGates', 'tolerations']) munged[key] = oldSpec[key];
  const oldGrace = num(oldSpec.terminationGracePeriodSeconds);
  if (oldGrace !== undefined && oldGrace < 0 && munged.terminationGracePeriodSeconds === 1)
    munged.terminationGracePeriodSeconds = oldGrace;
  if (objects(oldSpec.schedulingGates).length > 0) errors.push(...gatedSpecMutationErrors(munged, oldSpec, SPEC));
  if (!same(munged, oldSpec)) errors.push(forbidden(SPEC, `${UPDATABLE_FIELDS_MESSAGE}\n${specDiff(oldSpec, munged)}`));
  return errors;
}
