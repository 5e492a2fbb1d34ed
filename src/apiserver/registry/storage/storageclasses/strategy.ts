/**
 * The policy of `storageclasses` (storage.k8s.io/v1): a provisioner is required; provisioner, parameters,
 * reclaim policy and binding mode cannot change.
 */
import {
  type FieldError,
  FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
  tooLong,
} from '../../../../machinery/field-errors.js';
import { isQualifiedName } from '../../../../machinery/validation/names.js';
import { validateImmutableField } from '../../../../machinery/validation/object-meta-update.js';
import type { ApiObject, Strategy } from '../../strategy.js';
import { isSet, objects, semanticEqual, stringMap, strings, text } from '../../apps/validation/json.js';

const at = (name: string): FieldPath => FieldPath.root(name);
export const MAX_PARAMETERS = 512;
export const MAX_PARAMETERS_SIZE = 256 * 1024;

function parametersErrors(params: Record<string, string>): FieldError[] {
  const entries = Object.entries(params);
  if (entries.length > MAX_PARAMETERS)
    return [tooLong(at('parameters'), 'Provisioner Parameters exceeded max allowed', MAX_PARAMETERS)];
  const errs: FieldError[] = [];
  let size = 0;
  for (const [k, v] of entries) {
    if (k.length < 1) errs.push(invalid(at('parameters'), k, 'field can not be empty.'));
    size += Buffer.byteLength(k) + Buffer.byteLength(String(v));
  }
  if (size > MAX_PARAMETERS_SIZE) errs.push(tooLong(at('parameters'), '', MAX_PARAMETERS_SIZE));
  return errs;
}

function allowedTopologiesErrors(terms: unknown): FieldError[] {
  return objects(terms).flatMap((term, i) => {
    const path = at('allowedTopologies').index(i).child('matchLabelExpressions');
    const expressions = objects(term.matchLabelExpressions);
    if (expressions.length === 0) return [required(path, 'must have at least one label expression')];
    return expressions.flatMap((expr, j) => {
      const exprPath = path.index(j);
      const key = text(expr.key);
      const errs = isQualifiedName(key).map((m) => invalid(exprPath.child('key'), key, m));
      if (strings(expr.values).length === 0)
        errs.push(required(exprPath.child('values'), 'must specify as least one value for label expression'));
      return errs;
    });
  });
}

/** Upstream's ValidateStorageClass (metadata aside). */
export function storageClassErrors(o: ApiObject): FieldError[] {
  const provisioner = text(o.provisioner);
  const errs: FieldError[] = [];
  if (provisioner === '') errs.push(required(at('provisioner'), provisioner));
  else
    errs.push(
      ...isQualifiedName(provisioner.toLowerCase()).map((m) =>
        invalid(at('provisioner'), provisioner.toLowerCase(), m),
      ),
    );
  errs.push(...parametersErrors(stringMap(o.parameters)));
  const reclaim = text(o.reclaimPolicy);
  if (reclaim !== '' && reclaim !== 'Delete' && reclaim !== 'Retain')
    errs.push(notSupported(at('reclaimPolicy'), reclaim, ['Delete', 'Retain']));
  if (!isSet(o.volumeBindingMode)) errs.push(required(at('volumeBindingMode')));
  else if (o.volumeBindingMode !== 'Immediate' && o.volumeBindingMode !== 'WaitForFirstConsumer') {
    errs.push(notSupported(at('volumeBindingMode'), o.volumeBindingMode, ['Immediate', 'WaitForFirstConsumer']));
  }
  errs.push(...allowedTopologiesErrors(o.allowedTopologies));
  return errs;
}

/** Upstream's ValidateStorageClassUpdate. */
export function storageClassUpdateErrors(o: ApiObject, old: ApiObject): FieldError[] {
  const errs: FieldError[] = [];
  if (!semanticEqual(o.parameters ?? {}, old.parameters ?? {}))
    errs.push(forbidden(at('parameters'), 'updates to parameters are forbidden.'));
  if (text(o.provisioner) !== text(old.provisioner))
    errs.push(forbidden(at('provisioner'), 'updates to provisioner are forbidden.'));
  if (text(o.reclaimPolicy) !== text(old.reclaimPolicy))
    errs.push(forbidden(at('reclaimPolicy'), 'updates to reclaimPolicy are forbidden.'));
  errs.push(...validateImmutableField(o.volumeBindingMode, old.volumeBindingMode, at('volumeBindingMode')));
  return errs;
}

export const storageClassesStrategy: Strategy = {
  validate: storageClassErrors,
  validateUpdate: (o, old) => [...storageClassErrors(o), ...storageClassUpdateErrors(o, old)],
};
