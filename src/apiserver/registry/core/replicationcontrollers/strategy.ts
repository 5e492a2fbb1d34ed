/** The policy of `replicationcontrollers`: spec and template rules; status belongs to the controller. */
import {
  type FieldError,
  FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
} from '../../../../machinery/field-errors.js';
import type { ApiObject, Strategy } from '../../strategy.js';
import { isObj, nonNegative, num, type Obj, selectorMatches, stringMap } from '../pods/validation/common.js';
import { podTemplateSpecErrors } from '../pods/validation/pod-template-spec.js';

const SPEC = FieldPath.root('spec');
const STATUS = FieldPath.root('status');

/** Upstream's ValidateReplicationControllerSpec. */
export function replicationControllerSpecErrors(specValue: unknown): FieldError[] {
  const spec: Obj = isObj(specValue) ? specValue : {};
  const selector = stringMap(spec.selector);
  const errors = [...nonNegative(spec.minReadySeconds, SPEC.child('minReadySeconds'))];
  if (Object.keys(selector).length === 0) errors.push(required(SPEC.child('selector')));
  errors.push(...nonNegative(spec.replicas, SPEC.child('replicas')));
  const templatePath = SPEC.child('template');
  if (!isObj(spec.template)) return [...errors, required(templatePath)];
  const template = spec.template;
  const labels = stringMap(isObj(template.metadata) ? template.metadata.labels : undefined);
  if (Object.keys(selector).length > 0 && !selectorMatches(selector, labels)) {
    errors.push(
      invalid(templatePath.child('metadata', 'labels'), labels, '`selector` does not match template `labels`'),
    );
  }
  errors.push(...podTemplateSpecErrors(template, templatePath));
  const podSpec: Obj = isObj(template.spec) ? template.spec : {};
  const restartPolicy = podSpec.restartPolicy ?? 'Always';
  if (restartPolicy !== 'Always')
    errors.push(notSupported(templatePath.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (podSpec.activeDeadlineSeconds !== undefined) {
    errors.push(
      forbidden(
        templatePath.child('spec', 'activeDeadlineSeconds'),
        'activeDeadlineSeconds in ReplicationController is not Supported',
      ),
    );
  }
  return errors;
}

/** Upstream's ValidateReplicationControllerStatus. */
export function replicationControllerStatusErrors(statusValue: unknown): FieldError[] {
  const status: Obj = isObj(statusValue) ? statusValue : {};
  const errors = [
    'replicas',
    'fullyLabeledReplicas',
    'readyReplicas',
    'availableReplicas',
    'observedGeneration',
  ].flatMap((key) => nonNegative(status[key], STATUS.child(key)));
  const replicas = num(status.replicas) ?? 0;
  const ready = num(status.readyReplicas) ?? 0;
  const available = num(status.availableReplicas) ?? 0;
  const message = 'cannot be greater than status.replicas';
  if ((num(status.fullyLabeledReplicas) ?? 0) > replicas)
    errors.push(invalid(STATUS.child('fullyLabeledReplicas'), status.fullyLabeledReplicas, message));
  if (ready > replicas) errors.push(invalid(STATUS.child('readyReplicas'), ready, message));
  if (available > replicas) errors.push(invalid(STATUS.child('availableReplicas'), available, message));
  if (available > ready)
    errors.push(invalid(STATUS.child('availableReplicas'), available, 'cannot be greater than readyReplicas'));
  return errors;
}

const keepStatus = (obj: ApiObject, old: ApiObject): void => {
  if (old.status === undefined) delete obj.status;
  else obj.status = structuredClone(old.status);
};

export const replicationControllerStrategy: Strategy = {
  prepareForCreate(obj) {
    obj.status = { replicas: 0 };
  },
  validate: (obj) => replicationControllerSpecErrors(obj.spec),
  prepareForUpdate: keepStatus,
  validateUpdate: (obj) => replicationControllerSpecErrors(obj.spec),
  validateStatusUpdate: (obj) => replicationControllerStatusErrors(obj.status),
  allowUnconditionalUpdate: true,
};
