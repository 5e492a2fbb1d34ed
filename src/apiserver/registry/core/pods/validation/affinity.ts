/** Node affinity and inter-pod (anti-)affinity. */
import {
  type FieldError,
  type FieldPath,
  forbidden,
  invalid,
  required,
} from '../../../../../machinery/field-errors.js';
import {
  invalidEach,
  isObj,
  labelNameErrors,
  labelSelectorErrors,
  num,
  type Obj,
  objects,
  strings,
  text,
} from './common.js';
import { isDNS1123Label, isDNS1123Subdomain, isLabelValue } from './formats.js';

function requirementErrors(req: Obj, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const values = strings(req.values);
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0)
        errors.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0)
        errors.push(
          forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1)
        errors.push(required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      break;
    default:
      errors.push(invalid(path.child('operator'), req.operator, 'not a valid selector operator'));
  }
  errors.push(...labelNameErrors(text(req.key), path.child('key')));
  values.forEach((v, i) => errors.push(...invalidEach(path.child('values').index(i), v, isLabelValue(v))));
  return errors;
}

function fieldRequirementErrors(req: Obj, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const values = strings(req.values);
  if (req.operator === 'In' || req.operator === 'NotIn') {
    if (values.length !== 1) {
      errors.push(
        required(
          path.child('values'),
          "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
        ),
      );
    }
  } else errors.push(invalid(path.child('operator'), req.operator, 'not a valid selector operator'));
  if (req.key !== 'metadata.name') errors.push(invalid(path.child('key'), req.key, 'not a valid field selector key'));
  else values.forEach((v, i) => errors.push(...invalidEach(path.child('values').index(i), v, isDNS1123Subdomain(v))));
  return errors;
}

export function nodeSelectorTermErrors(term: unknown, path: FieldPath): FieldError[] {
  if (!isObj(term)) return [];
  return [
    ...objects(term.matchExpressions).flatMap((r, j) => requirementErrors(r, path.child('matchExpressions').index(j))),
    ...objects(term.matchFields).flatMap((r, j) => fieldRequirementErrors(r, path.child('matchFields').index(j))),
  ];
}

function weightErrors(weight: unknown, path: FieldPath): FieldError[] {
  const w = num(weight) ?? 0;
  return w <= 0 || w > 100 ? [invalid(path, w, 'must be in the range 1-100')] : [];
}

function podAffinityTermErrors(term: Obj, path: FieldPath): FieldError[] {
  const errors = [
    ...labelSelectorErrors(term.labelSelector, path.child('labelSelector')),
    ...labelSelectorErrors(term.namespaceSelector, path.child('namespaceSelector')),
  ];
  for (const ns of strings(term.namespaces))
    errors.push(...invalidEach(path.child('namespace'), ns, isDNS1123Label(ns)));
  const selector = isObj(term.labelSelector) ? term.labelSelector : undefined;
  for (const key of ['matchLabelKeys', 'mismatchLabelKeys'] as const) {
    const keys = strings(term[key]);
    if (keys.length === 0) continue;
    if (!selector) errors.push(forbidden(path.child(key), 'must not be specified when labelSelector is not set'));
    else keys.forEach((k, i) => errors.push(...labelNameErrors(k, path.child(key).index(i))));
  }
  const mismatch = new Set(strings(term.mismatchLabelKeys));
  strings(term.matchLabelKeys).forEach((k, i) => {
    if (mismatch.has(k))
      errors.push(
        invalid(path.child('matchLabelKeys').index(i), k, 'exists in both matchLabelKeys and mismatchLabelKeys'),
      );
  });
  const topologyKey = text(term.topologyKey);
  if (topologyKey === '') errors.push(required(path.child('topologyKey'), 'can not be empty'));
  return [...errors, ...labelNameErrors(topologyKey, path.child('topologyKey'))];
}

function podAffinityErrors(affinity: unknown, path: FieldPath): FieldError[] {
  if (!isObj(affinity)) return [];
  const requiredPath = path.child('requiredDuringSchedulingIgnoredDuringExecution');
  const preferredPath = path.child('preferredDuringSchedulingIgnoredDuringExecution');
  return [
    ...objects(affinity.requiredDuringSchedulingIgnoredDuringExecution).flatMap((t, i) =>
      podAffinityTermErrors(t, requiredPath.index(i)),
    ),
    ...objects(affinity.preferredDuringSchedulingIgnoredDuringExecution).flatMap((w, i) => [
      ...weightErrors(w.weight, preferredPath.index(i).child('weight')),
      ...(isObj(w.podAffinityTerm)
        ? podAffinityTermErrors(w.podAffinityTerm, preferredPath.index(i).child('podAffinityTerm'))
        : []),
    ]),
  ];
}

function nodeAffinityErrors(affinity: unknown, path: FieldPath): FieldError[] {
  if (!isObj(affinity)) return [];
  const errors: FieldError[] = [];
  const selector = affinity.requiredDuringSchedulingIgnoredDuringExecution;
  if (isObj(selector)) {
    const termsPath = path.child('requiredDuringSchedulingIgnoredDuringExecution', 'nodeSelectorTerms');
    const terms = objects(selector.nodeSelectorTerms);
    if (terms.length === 0) errors.push(required(termsPath, 'must have at least one node selector term'));
    terms.forEach((t, i) => errors.push(...nodeSelectorTermErrors(t, termsPath.index(i))));
  }
  const preferredPath = path.child('preferredDuringSchedulingIgnoredDuringExecution');
  objects(affinity.preferredDuringSchedulingIgnoredDuringExecution).forEach((t, i) => {
    errors.push(...weightErrors(t.weight, preferredPath.index(i).child('weight')));
    errors.push(...nodeSelectorTermErrors(t.preference, preferredPath.index(i).child('preference')));
  });
  return errors;
}

/** `spec.affinity`. */
export function affinityErrors(affinity: unknown, path: FieldPath): FieldError[] {
  if (!isObj(affinity)) return [];
  return [
    ...nodeAffinityErrors(affinity.nodeAffinity, path.child('nodeAffinity')),
    ...podAffinityErrors(affinity.podAffinity, path.child('podAffinity')),
    ...podAffinityErrors(affinity.podAntiAffinity, path.child('podAntiAffinity')),
  ];
}
