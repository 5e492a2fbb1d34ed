/** NodeSelector validation (used by persistent volumes' node affinity; pods have their own copy). */
import { type FieldError, FieldPath, forbidden, invalid, required } from '../../../../machinery/field-errors.js';
import { list, type Obj, obj, text } from './json.js';
import { isLabelValue, isQualifiedName } from './names.js';

function validateRequirement(req: Obj, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const values = list(req.values).map(text);
  switch (req.operator) {
    case 'In':
    case 'NotIn':
      if (values.length === 0)
        errors.push(required(path.child('values'), "must be specified when `operator` is 'In' or 'NotIn'"));
      break;
    case 'Exists':
    case 'DoesNotExist':
      if (values.length > 0) {
        errors.push(
          forbidden(path.child('values'), "may not be specified when `operator` is 'Exists' or 'DoesNotExist'"),
        );
      }
      break;
    case 'Gt':
    case 'Lt':
      if (values.length !== 1) {
        errors.push(required(path.child('values'), "must be specified single value when `operator` is 'Lt' or 'Gt'"));
      }
      break;
    default:
      errors.push(invalid(path.child('operator'), req.operator, 'not a valid selector operator'));
  }
  const key = text(req.key);
  errors.push(...isQualifiedName(key).map((m) => invalid(path.child('key'), key, m)));
  values.forEach((v, i) => errors.push(...isLabelValue(v).map((m) => invalid(path.child('values').index(i), v, m))));
  return errors;
}

function validateFieldRequirement(req: Obj, path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  if (req.operator === 'In' || req.operator === 'NotIn') {
    if (list(req.values).length !== 1) {
      errors.push(
        required(
          path.child('values'),
          "must be only one value when `operator` is 'In' or 'NotIn' for node field selector",
        ),
      );
    }
  } else {
    errors.push(invalid(path.child('operator'), req.operator, 'not a valid selector operator'));
  }
  if (req.key !== 'metadata.name') errors.push(invalid(path.child('key'), req.key, 'not a valid field selector key'));
  return errors;
}

/** At least one term; each requirement well formed (upstream's ValidateNodeSelector). */
export function validateNodeSelector(selector: Obj, path: FieldPath): FieldError[] {
  const termsPath = path.child('nodeSelectorTerms');
  const terms = list(selector.nodeSelectorTerms);
  if (terms.length === 0) return [required(termsPath, 'must have at least one node selector term')];
  return terms.flatMap((item, i) => {
    const term = obj(item);
    const at = termsPath.index(i);
    return [
      ...list(term.matchExpressions).flatMap((r, j) =>
        validateRequirement(obj(r), at.child('matchExpressions').index(j)),
      ),
      ...list(term.matchFields).flatMap((r, j) => validateFieldRequirement(obj(r), at.child('matchFields').index(j))),
    ];
  });
}
