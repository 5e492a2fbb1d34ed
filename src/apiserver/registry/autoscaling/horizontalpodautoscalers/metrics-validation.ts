/** autoscaling/v2 metric specs (upstream's validateMetrics and the per-source checks). */
import {
  type FieldError,
  type FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
} from '../../../../machinery/field-errors.js';
import { isDNS1123Label, isValidPathSegmentName } from '../../../../machinery/validation/names.js';
import { isObj, isSet, num, obj, objects, text } from '../../apps/validation/json.js';
import { isPositive, parseQuantity } from '../../core/validation/quantity.js';
import { crossVersionObjectReferenceErrors } from './reference-validation.js';

const SOURCE_TYPES = ['ContainerResource', 'External', 'Object', 'Pods', 'Resource'];
const SOURCE_FIELDS: Readonly<Record<string, string>> = {
  Object: 'object',
  Pods: 'pods',
  Resource: 'resource',
  ContainerResource: 'containerResource',
  External: 'external',
};

function quantityPositive(value: unknown, path: FieldPath): FieldError[] {
  if (!isSet(value)) return [];
  const q = parseQuantity(String(value));
  return q !== undefined && isPositive(q) ? [] : [invalid(path, value, 'must be positive')];
}

/** Upstream's validateMetricTarget. */
function targetErrors(targetValue: unknown, path: FieldPath): FieldError[] {
  const target = obj(targetValue);
  const type = text(target.type);
  const errs: FieldError[] = [];
  if (type === '') errs.push(required(path.child('type'), 'must specify a metric target type'));
  if (!['Utilization', 'Value', 'AverageValue'].includes(type)) {
    errs.push(invalid(path.child('type'), type, 'must be either Utilization, Value, or AverageValue'));
  }
  errs.push(
    ...quantityPositive(target.value, path.child('value')),
    ...quantityPositive(target.averageValue, path.child('averageValue')),
  );
  const utilization = num(target.averageUtilization);
  if (utilization !== undefined && utilization < 1)
    errs.push(invalid(path.child('averageUtilization'), utilization, 'must be greater than 0'));
  return errs;
}

function identifierErrors(idValue: unknown, path: FieldPath): FieldError[] {
  const name = text(obj(idValue).name);
  if (name === '') return [required(path.child('name'), 'must specify a metric name')];
  return isValidPathSegmentName(name).map((m) => invalid(path.child('name'), name, m));
}

/** Resource and ContainerResource sources: a raw value or a utilization, not both. */
function resourceTargetErrors(src: Record<string, unknown>, path: FieldPath): FieldError[] {
  const target = obj(src.target);
  const errs = targetErrors(src.target, path.child('target'));
  if (!isSet(target.averageUtilization) && !isSet(target.averageValue)) {
    errs.push(
      required(
        path.child('target', 'averageUtilization'),
        'must set either a target raw value or a target utilization',
      ),
    );
  }
  if (isSet(target.averageUtilization) && isSet(target.averageValue)) {
    errs.push(
      forbidden(path.child('target', 'averageValue'), 'may not set both a target raw value and a target utilization'),
    );
  }
  return errs;
}

function sourceErrors(type: string, src: Record<string, unknown>, path: FieldPath): FieldError[] {
  const target = obj(src.target);
  switch (type) {
    case 'Object': {
      const errs = [
        ...crossVersionObjectReferenceErrors(src.describedObject, path.child('describedObject')),
        ...identifierErrors(src.metric, path.child('metric')),
        ...targetErrors(src.target, path.child('target')),
      ];
      if (!isSet(target.value) && !isSet(target.averageValue)) {
        errs.push(required(path.child('target', 'averageValue'), 'must set either a target value or averageValue'));
      }
      return errs;
    }
    case 'Pods': {
      const errs = [
        ...identifierErrors(src.metric, path.child('metric')),
        ...targetErrors(src.target, path.child('target')),
      ];
      if (!isSet(target.averageValue))
        errs.push(required(path.child('target', 'averageValue'), 'must specify a positive target averageValue'));
      return errs;
    }
    case 'External': {
      const errs = [
        ...identifierErrors(src.metric, path.child('metric')),
        ...targetErrors(src.target, path.child('target')),
      ];
      if (!isSet(target.value) && !isSet(target.averageValue)) {
        errs.push(
          required(
            path.child('target', 'averageValue'),
            'must set either a target value for metric or a per-pod target',
          ),
        );
      }
      if (isSet(target.value) && isSet(target.averageValue)) {
        errs.push(
          forbidden(path.child('target', 'value'), 'may not set both a target value for metric and a per-pod target'),
        );
      }
      return errs;
    }
    case 'Resource':
    case 'ContainerResource': {
      const errs: FieldError[] = [];
      if (text(src.name) === '') errs.push(required(path.child('name'), 'must specify a resource name'));
      if (type === 'ContainerResource') {
        const container = text(src.container);
        if (container === '') errs.push(required(path.child('container'), 'must specify a container'));
        else errs.push(...isDNS1123Label(container).map((m) => invalid(path.child('container'), container, m)));
      }
      return [...errs, ...resourceTargetErrors(src, path)];
    }
    default:
      return [];
  }
}

/** Upstream's validateMetricSpec: a known type, its source populated, no other source. */
function metricSpecErrors(spec: Record<string, unknown>, path: FieldPath): FieldError[] {
  const type = text(spec.type);
  const errs: FieldError[] = [];
  if (type === '') errs.push(required(path.child('type'), 'must specify a metric source type'));
  if (!SOURCE_TYPES.includes(type)) {
    errs.push(notSupported(path.child('type'), type, SOURCE_TYPES));
    return errs;
  }
  const expected = SOURCE_FIELDS[type] ?? '';
  if (!isObj(spec[expected]))
    errs.push(required(path.child(expected), 'must populate information for the given metric source'));
  for (const other of Object.values(SOURCE_FIELDS).sort()) {
    if (other !== expected && isSet(spec[other]))
      errs.push(forbidden(path.child(other), 'must populate the given metric source only'));
  }
  if (isObj(spec[expected])) errs.push(...sourceErrors(type, obj(spec[expected]), path.child(expected)));
  return errs;
}

/** Upstream's validateMetrics: each metric, and scaling to zero only with an Object or External metric. */
export function metricsErrors(metrics: unknown, path: FieldPath, minReplicas: number | undefined): FieldError[] {
  const list = objects(metrics);
  const errs = list.flatMap((m, i) => metricSpecErrors(m, path.index(i)));
  if (minReplicas === 0 && !list.some((m) => m.type === 'Object' || m.type === 'External')) {
    errs.push(
      forbidden(path, 'must specify at least one Object or External metric to support scaling to zero replicas'),
    );
  }
  return errs;
}
