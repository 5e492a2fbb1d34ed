/**
 * The pod template of a workload (ReplicaSet, Deployment, StatefulSet, DaemonSet): it must be selected by
 * the workload's selector, be a valid pod template (core's validation), restart Always and have no deadline.
 */
import {
  type FieldError,
  type FieldPath,
  forbidden,
  invalid,
  notSupported,
  required,
} from '../../../../machinery/field-errors.js';
import { podTemplateSpecErrors } from '../../core/pods/validation/pod-template-spec.js';
import { isObj, isSet, obj, stringMap } from './json.js';
import { type Selector, selectorMatches, selectsEverything } from './label-selector.js';

/** The template's labels (`metadata.labels`), absent as undefined. */
export function templateLabels(template: unknown): Record<string, string> | undefined {
  const meta = obj(obj(template).metadata);
  return isObj(meta.labels) ? stringMap(meta.labels) : undefined;
}

/** `<path>.metadata.labels` when a non-empty selector does not select the template's labels. */
export function selectorMatchErrors(selector: Selector, template: unknown, path: FieldPath): FieldError[] {
  if (selectsEverything(selector)) return [];
  const labels = templateLabels(template);
  if (selectorMatches(selector, labels)) return [];
  return [invalid(path.child('metadata', 'labels'), labels ?? {}, '`selector` does not match template `labels`')];
}

/** The restart policy must be Always; no activeDeadlineSeconds (`owner` names the kind in the message). */
export function alwaysRestartErrors(template: unknown, path: FieldPath, owner: string): FieldError[] {
  const spec = obj(obj(template).spec);
  const errs: FieldError[] = [];
  const restartPolicy = spec.restartPolicy ?? '';
  if (restartPolicy !== 'Always')
    errs.push(notSupported(path.child('spec', 'restartPolicy'), restartPolicy, ['Always']));
  if (isSet(spec.activeDeadlineSeconds)) {
    errs.push(
      forbidden(path.child('spec', 'activeDeadlineSeconds'), `activeDeadlineSeconds in ${owner} is not Supported`),
    );
  }
  return errs;
}

/**
 * Upstream's ValidatePodTemplateSpecForReplicaSet (ReplicaSets and Deployments): selected by the selector,
 * a valid pod template, restart Always, no deadline.
 */
export function replicaSetTemplateErrors(template: unknown, selector: Selector, path: FieldPath): FieldError[] {
  if (!isObj(template)) return [required(path)];
  return [
    ...selectorMatchErrors(selector, template, path),
    ...podTemplateSpecErrors(template, path),
    ...alwaysRestartErrors(template, path, 'ReplicaSet'),
  ];
}
