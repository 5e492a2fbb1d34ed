/** The policy of `ingressclasses` (networking.k8s.io/v1): a domain-prefixed, immutable controller name. */
import {
  type FieldError,
  FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
  tooLong,
} from '../../../../machinery/field-errors.js';
import { isDNS1123Label } from '../../../../machinery/validation/names.js';
import type { Strategy } from '../../strategy.js';
import { validateDomainPrefixedPath } from '../../apps/validation/domain-prefixed-path.js';
import { isObj, obj, text } from '../../apps/validation/json.js';

const SPEC = FieldPath.root('spec');
export const MAX_CONTROLLER_LENGTH = 250;

function parametersErrors(paramsValue: unknown, path: FieldPath): FieldError[] {
  if (!isObj(paramsValue)) return [];
  const params = paramsValue;
  const errs: FieldError[] = [];
  if (text(params.kind) === '') errs.push(required(path.child('kind')));
  if (text(params.name) === '') errs.push(required(path.child('name')));
  const scope = text(params.scope);
  const namespace = params.namespace;
  if (scope === 'Namespace') {
    if (typeof namespace !== 'string' || namespace === '')
      errs.push(required(path.child('namespace'), "`parameters.scope` is set to 'Namespace'"));
    else errs.push(...isDNS1123Label(namespace).map((m) => invalid(path.child('namespace'), namespace, m)));
  } else if (scope === 'Cluster') {
    if (namespace !== undefined && namespace !== null)
      errs.push(forbidden(path.child('namespace'), "`parameters.scope` is set to 'Cluster'"));
  } else {
    errs.push(notSupported(path.child('scope'), scope, ['Cluster', 'Namespace']));
  }
  return errs;
}

/** Upstream's validateIngressClassSpec. */
export function ingressClassSpecErrors(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const controller = text(spec.controller);
  const errs: FieldError[] = [];
  if (controller.length > MAX_CONTROLLER_LENGTH)
    errs.push(tooLong(SPEC.child('controller'), controller, MAX_CONTROLLER_LENGTH));
  errs.push(...validateDomainPrefixedPath(controller, SPEC.child('controller')));
  errs.push(...parametersErrors(spec.parameters, SPEC.child('parameters')));
  return errs;
}

export const ingressClassesStrategy: Strategy = {
  validate: (o) => ingressClassSpecErrors(o.spec),
  validateUpdate(o, old) {
    const controller = text(obj(o.spec).controller);
    const immutable =
      controller === text(obj(old.spec).controller)
        ? []
        : [invalid(SPEC.child('controller'), controller, 'field is immutable')];
    return [...ingressClassSpecErrors(o.spec), ...immutable];
  },
};
