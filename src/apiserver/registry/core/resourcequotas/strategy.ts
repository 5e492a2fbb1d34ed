/** ResourceQuotas: quota resource names and amounts, valid scopes, and scopes fixed after creation. */
import { type FieldError, FieldPath, invalid, required } from '../../../../machinery/field-errors.js';
import type { ApiObject, Strategy } from '../../strategy.js';
import { keepAllButStatus, keepStatus, list, type Obj, obj, text } from '../validation/json.js';
import {
  isResourceQuotaScopeValidForResource,
  isStandardQuotaResourceName,
  isStandardResourceQuotaScope,
} from '../validation/resource-names.js';
import { validateQuotaResourceName, validateResourceQuantity } from '../validation/resources.js';

const SPEC = FieldPath.root('spec');
const POD_ONLY_SCOPES = ['BestEffort', 'NotBestEffort', 'Terminating', 'NotTerminating', 'CrossNamespacePodAffinity'];
const CONFLICTS = [
  ['BestEffort', 'NotBestEffort'],
  ['Terminating', 'NotTerminating'],
] as const;

function validateResourceList(list: unknown, path: FieldPath): FieldError[] {
  return Object.entries(obj(list)).flatMap(([name, value]) => [
    ...validateQuotaResourceName(name, path.key(name)),
    ...validateResourceQuantity(name, value, path.key(name)),
  ]);
}

function scopeAppliesToAll(scope: string, hard: string[]): boolean {
  return hard.every((k) => !isStandardQuotaResourceName(k) || isResourceQuotaScopeValidForResource(scope, k));
}

function validateScopes(spec: Obj, hard: string[]): FieldError[] {
  const scopes = list(spec.scopes).map(text);
  const path = SPEC.child('scopes');
  const errors: FieldError[] = [];
  for (const scope of scopes) {
    if (!isStandardResourceQuotaScope(scope)) errors.push(invalid(path, scopes, 'unsupported scope'));
    for (const k of hard) {
      if (isStandardQuotaResourceName(k) && !isResourceQuotaScopeValidForResource(scope, k)) {
        errors.push(invalid(path, scopes, 'unsupported scope applied to resource'));
      }
    }
  }
  for (const [a, b] of CONFLICTS)
    if (scopes.includes(a) && scopes.includes(b)) errors.push(invalid(path, scopes, 'conflicting scopes'));
  return errors;
}

function validateScopeSelector(spec: Obj, hard: string[]): FieldError[] {
  if (spec.scopeSelector === undefined) return [];
  const path = SPEC.child('scopeSelector', 'matchExpressions');
  const errors: FieldError[] = [];
  const scopes = new Set<string>();
  for (const item of list(obj(spec.scopeSelector).matchExpressions)) {
    const req = obj(item);
    const scope = text(req.scopeName);
    const operator = text(req.operator);
    const values = list(req.values);
    if (!isStandardResourceQuotaScope(scope)) errors.push(invalid(path.child('scopeName'), scope, 'unsupported scope'));
    if (!scopeAppliesToAll(scope, hard))
      errors.push(invalid(path, spec.scopeSelector, 'unsupported scope applied to resource'));
    if (POD_ONLY_SCOPES.includes(scope) && operator !== 'Exists') {
      errors.push(
        invalid(
          path.child('operator'),
          operator,
          "must be 'Exist' when scope is any of ResourceQuotaScopeTerminating, ResourceQuotaScopeNotTerminating, ResourceQuotaScopeBestEffort, ResourceQuotaScopeNotBestEffort or ResourceQuotaScopeCrossNamespacePodAffinity",
        ),
      );
    }
    if (operator === 'In' || operator === 'NotIn') {
      if (values.length === 0) {
        errors.push(
          required(
            path.child('values'),
            "must be at least one value when `operator` is 'In' or 'NotIn' for scope selector",
          ),
        );
      }
    } else if (operator === 'Exists' || operator === 'DoesNotExist') {
      if (values.length !== 0) {
        errors.push(
          invalid(
            path.child('values'),
            values,
            "must be no value when `operator` is 'Exist' or 'DoesNotExist' for scope selector",
          ),
        );
      }
    } else {
      errors.push(invalid(path.child('operator'), operator, 'not a valid selector operator'));
    }
    scopes.add(scope);
  }
  for (const [a, b] of CONFLICTS)
    if (scopes.has(a) && scopes.has(b)) errors.push(invalid(path, spec.scopes, 'conflicting scopes'));
  return errors;
}

function validateSpec(rq: Obj): FieldError[] {
  const spec = obj(rq.spec);
  const hard = Object.keys(obj(spec.hard)).sort();
  return [
    ...validateResourceList(spec.hard, SPEC.child('hard')),
    ...validateScopes(spec, hard),
    ...validateScopeSelector(spec, hard),
  ];
}

function validateStatus(rq: Obj): FieldError[] {
  const status = obj(rq.status);
  const path = FieldPath.root('status');
  return [
    ...validateResourceList(status.hard, path.child('hard')),
    ...validateResourceList(status.used, path.child('used')),
  ];
}

function validateScopesUnchanged(rq: Obj, old: Obj): FieldError[] {
  const scopes = list(obj(rq.spec).scopes).map(text);
  const oldScopes = list(obj(old.spec).scopes).map(text);
  const same = new Set(scopes).size === new Set(oldScopes).size && scopes.every((s) => oldScopes.includes(s));
  return same ? [] : [invalid(SPEC.child('scopes'), scopes, 'field is immutable')];
}

export const resourcequotasStrategy: Strategy = {
  prepareForCreate(rq: ApiObject): void {
    delete rq.status;
  },
  validate: (rq) => [...validateSpec(rq), ...validateStatus(rq)],
  prepareForUpdate: (rq, old) => keepStatus(rq, old),
  validateUpdate: (rq, old) => [...validateSpec(rq), ...validateScopesUnchanged(rq, old)],
  prepareForStatusUpdate: (rq, old) => keepAllButStatus(rq, old),
  validateStatusUpdate: (rq) => validateStatus(rq),
};
