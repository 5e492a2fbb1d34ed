/** Node validation (upstream's ValidateNode and ValidateNodeUpdate). */
import {
  duplicate,
  type FieldError,
  FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
} from '../../../../machinery/field-errors.js';
import { isCIDR, isIPv6, isValidCIDR } from '../validation/ip.js';
import { list, type Obj, obj, text } from '../validation/json.js';
import { isLabelValue, isQualifiedName } from '../validation/names.js';
import { validateResourceQuantity } from '../validation/resources.js';

const EFFECTS = ['NoSchedule', 'PreferNoSchedule', 'NoExecute'];

/** Taints: label-like key and value, a known effect, unique by key and effect. */
export function validateTaints(taints: unknown[], path: FieldPath): FieldError[] {
  const errors: FieldError[] = [];
  const seen = new Set<string>();
  taints.forEach((item, i) => {
    const taint = obj(item);
    const at = path.index(i);
    const key = text(taint.key);
    errors.push(...isQualifiedName(key).map((m) => invalid(at.child('key'), key, m)));
    const valueErrors = isLabelValue(text(taint.value));
    if (valueErrors.length > 0) errors.push(invalid(at.child('value'), text(taint.value), valueErrors.join(';')));
    const effect = text(taint.effect);
    if (effect === '') errors.push(required(at.child('effect')));
    else if (!EFFECTS.includes(effect)) errors.push(notSupported(at.child('effect'), effect, EFFECTS));
    const id = `${effect}\u0000${key}`;
    if (seen.has(id)) {
      errors.push({ ...duplicate(at, taint), detail: 'taints must be unique by key and effect pair' });
      return;
    }
    seen.add(id);
  });
  return errors;
}

function validateResources(node: Obj): FieldError[] {
  const status = obj(node.status);
  const errors: FieldError[] = [];
  for (const field of ['capacity', 'allocatable'] as const) {
    for (const [name, value] of Object.entries(obj(status[field]))) {
      errors.push(...validateResourceQuantity(name, value, FieldPath.root('status').child(field, name)));
    }
  }
  return errors;
}

function validatePodCIDRs(spec: Obj): FieldError[] {
  const cidrs = list(spec.podCIDRs).map(text);
  const path = FieldPath.root('spec').child('podCIDRs');
  const errors = cidrs.flatMap((cidr, i) => isValidCIDR(path.index(i), cidr));
  if (cidrs.length > 1) {
    const families = cidrs.filter(isCIDR).map((c) => isIPv6(c.slice(0, c.indexOf('/'))));
    if (cidrs.length > 2 || families[0] === families[1]) {
      errors.push(invalid(path, cidrs, 'may specify no more than one CIDR for each IP family'));
    }
    const seen = new Set<string>();
    cidrs.forEach((cidr, i) => {
      if (seen.has(cidr)) errors.push(duplicate(path.index(i), cidr));
      seen.add(cidr);
    });
  }
  return errors;
}

/** A new node: taints, resource amounts and pod CIDRs. */
export function validateNode(node: Obj): FieldError[] {
  const spec = obj(node.spec);
  return [
    ...validateTaints(list(spec.taints), FieldPath.root('metadata').child('taints')),
    ...validateResources(node),
    ...validatePodCIDRs(spec),
  ];
}

/** A node update (main resource or status): also what may only be set once or never changed. */
export function validateNodeUpdate(node: Obj, old: Obj): FieldError[] {
  const spec = obj(node.spec);
  const oldSpec = obj(old.spec);
  const errors = validateResources(node);
  const seen = new Set<string>();
  list(obj(node.status).addresses).forEach((item, i) => {
    const address = obj(item);
    const id = `${text(address.type)}\u0000${text(address.address)}`;
    if (seen.has(id)) errors.push(duplicate(FieldPath.root('status').child('addresses').index(i), address));
    seen.add(id);
  });
  const oldCIDRs = list(oldSpec.podCIDRs).map(text);
  const cidrs = list(spec.podCIDRs).map(text);
  const cidrMessage = 'node updates may not change podCIDR except from "" to valid';
  if (oldCIDRs.length > 0 && (oldCIDRs.length !== cidrs.length || oldCIDRs.some((c, i) => c !== cidrs[i]))) {
    errors.push(forbidden(FieldPath.root('spec').child('podCIDRs'), cidrMessage));
  }
  const oldProvider = text(oldSpec.providerID);
  if (oldProvider !== '' && oldProvider !== text(spec.providerID)) {
    errors.push(
      forbidden(
        FieldPath.root('spec').child('providerID'),
        'node updates may not change providerID except from "" to valid',
      ),
    );
  }
  errors.push(...validateTaints(list(spec.taints), FieldPath.root('metadata').child('taints')));
  if (text(spec.externalID) !== text(oldSpec.externalID)) {
    errors.push(forbidden(FieldPath.root('spec').child('externalID'), 'may not be updated'));
  }
  return errors;
}
