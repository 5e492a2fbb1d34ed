/** RBAC validation shared by the four kinds (upstream's pkg/apis/rbac/validation). */
import { type FieldError, FieldPath, invalid, notSupported, required } from '../../../../machinery/field-errors.js';
import { nameIsDNSSubdomain, nameIsPathSegment } from '../../../../machinery/validation/name-functions.js';
import { RBAC_GROUP } from '../../../../api/rbac/v1/binding-refs.js';
import { obj, objects, strings, text } from '../../apps/validation/json.js';
import { asSelector, validateLabelSelector } from '../../apps/validation/label-selector.js';

/** RBAC object and role names are path segments: anything but `.`, `..`, `/` and `%` (e.g. `system:node`). */
export const validateRBACName = nameIsPathSegment;

/** Upstream's ValidatePolicyRule: verbs always; resource rules name groups and resources; URL rules are cluster-wide only. */
export function policyRuleErrors(rule: Record<string, unknown>, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  if (strings(rule.verbs).length === 0)
    errs.push(required(path.child('verbs'), 'verbs must contain at least one value'));
  const urls = strings(rule.nonResourceURLs);
  if (urls.length > 0) {
    if (namespaced)
      errs.push(invalid(path.child('nonResourceURLs'), urls, 'namespaced rules cannot apply to non-resource URLs'));
    if (strings(rule.apiGroups).length + strings(rule.resources).length + strings(rule.resourceNames).length > 0) {
      errs.push(
        invalid(
          path.child('nonResourceURLs'),
          urls,
          'rules cannot apply to both regular resources and non-resource URLs',
        ),
      );
    }
    return errs;
  }
  if (strings(rule.apiGroups).length === 0)
    errs.push(required(path.child('apiGroups'), 'resource rules must supply at least one api group'));
  if (strings(rule.resources).length === 0)
    errs.push(required(path.child('resources'), 'resource rules must supply at least one resource'));
  return errs;
}

/** Every rule of a Role (namespaced) or ClusterRole. */
export const rulesErrors = (rules: unknown, namespaced: boolean): FieldError[] =>
  objects(rules).flatMap((rule, i) => policyRuleErrors(rule, namespaced, FieldPath.root('rules').index(i)));

/** A ClusterRole's aggregation rule: at least one valid selector. */
export function aggregationRuleErrors(ruleValue: unknown): FieldError[] {
  if (ruleValue === undefined || ruleValue === null) return [];
  const path = FieldPath.root('aggregationRule').child('clusterRoleSelectors');
  const selectors = objects(obj(ruleValue).clusterRoleSelectors);
  const errs: FieldError[] = [];
  if (selectors.length === 0)
    errs.push(required(path, 'at least one clusterRoleSelector required if aggregationRule is non-nil'));
  selectors.forEach((selector, i) => {
    errs.push(...validateLabelSelector(selector, path.index(i)));
    if (asSelector(selector) === undefined) errs.push(invalid(path.index(i), selector, 'invalid label selector.'));
  });
  return errs;
}

function subjectErrors(subject: Record<string, unknown>, namespaced: boolean, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const name = text(subject.name);
  if (name === '') errs.push(required(path.child('name')));
  const apiGroup = text(subject.apiGroup);
  switch (subject.kind) {
    case 'ServiceAccount':
      if (name !== '') errs.push(...nameIsDNSSubdomain(name, false).map((m) => invalid(path.child('name'), name, m)));
      if (apiGroup !== '') errs.push(notSupported(path.child('apiGroup'), apiGroup, ['']));
      if (!namespaced && text(subject.namespace) === '') errs.push(required(path.child('namespace')));
      break;
    case 'User':
    case 'Group':
      if (apiGroup !== RBAC_GROUP) errs.push(notSupported(path.child('apiGroup'), apiGroup, [RBAC_GROUP]));
      break;
    default:
      errs.push(notSupported(path.child('kind'), subject.kind ?? '', ['ServiceAccount', 'User', 'Group']));
  }
  return errs;
}

/** Upstream's ValidateRoleBinding / ValidateClusterRoleBinding (metadata aside). */
export function bindingErrors(binding: Record<string, unknown>, namespaced: boolean): FieldError[] {
  const roleRef = obj(binding.roleRef);
  const refPath = FieldPath.root('roleRef');
  const errs: FieldError[] = [];
  if (text(roleRef.apiGroup) !== RBAC_GROUP)
    errs.push(notSupported(refPath.child('apiGroup'), text(roleRef.apiGroup), [RBAC_GROUP]));
  const kinds = namespaced ? ['Role', 'ClusterRole'] : ['ClusterRole'];
  if (!kinds.includes(text(roleRef.kind))) errs.push(notSupported(refPath.child('kind'), text(roleRef.kind), kinds));
  const name = text(roleRef.name);
  if (name === '') errs.push(required(refPath.child('name')));
  else errs.push(...validateRBACName(name, false).map((m) => invalid(refPath.child('name'), name, m)));
  objects(binding.subjects).forEach((s, i) =>
    errs.push(...subjectErrors(s, namespaced, FieldPath.root('subjects').index(i))),
  );
  return errs;
}

/** `roleRef: Invalid value: …: cannot change roleRef` when an update points a binding elsewhere. */
export function roleRefUpdateErrors(binding: Record<string, unknown>, old: Record<string, unknown>): FieldError[] {
  const next = obj(binding.roleRef);
  const prev = obj(old.roleRef);
  const same = ['apiGroup', 'kind', 'name'].every((k) => text(next[k]) === text(prev[k]));
  return same ? [] : [invalid(FieldPath.root('roleRef'), next, 'cannot change roleRef')];
}
