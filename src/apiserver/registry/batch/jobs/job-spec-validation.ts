/**
 * JobSpec validation shared by Jobs and CronJob job templates (upstream's validateJobSpec): counts, the
 * completion mode and its limits, the failure, success and replacement policies, and the pod template,
 * whose pods must restart OnFailure or Never.
 */
import {
  type FieldError,
  type FieldPath,
  invalid,
  notSupported,
  required,
  tooLong,
  tooMany,
} from '../../../../machinery/field-errors.js';
import { podTemplateSpecErrors } from '../../core/pods/validation/pod-template-spec.js';
import { validateDomainPrefixedPath } from '../../apps/validation/domain-prefixed-path.js';
import { isObj, isSet, num, obj, objects, text } from '../../apps/validation/json.js';
import { nonNegative } from '../../apps/validation/numbers.js';

const MAX_PARALLELISM_FOR_INDEXED_JOB = 100_000;
const MAX_FAILED_INDEXES_FOR_INDEXED_JOB = 100_000;
const MAX_MANAGED_BY_LENGTH = 63;
const MAX_POD_FAILURE_POLICY_RULES = 20;
const MAX_SUCCESS_POLICY_RULES = 20;
const POD_FAILURE_POLICY_ACTIONS = ['Count', 'FailIndex', 'FailJob', 'Ignore'];

function indexedErrors(spec: Record<string, unknown>, path: FieldPath): FieldError[] {
  const errs: FieldError[] = [];
  const completions = num(spec.completions);
  const parallelism = num(spec.parallelism);
  const maxFailed = num(spec.maxFailedIndexes);
  if (completions === undefined) errs.push(required(path.child('completions'), 'when completion mode is Indexed'));
  if (parallelism !== undefined && parallelism > MAX_PARALLELISM_FOR_INDEXED_JOB) {
    errs.push(
      invalid(
        path.child('parallelism'),
        parallelism,
        'must be less than or equal to 100000 when completion mode is Indexed',
      ),
    );
  }
  if (completions !== undefined && maxFailed !== undefined && maxFailed > completions) {
    errs.push(invalid(path.child('maxFailedIndexes'), maxFailed, 'must be less than or equal to completions'));
  }
  if (maxFailed !== undefined && maxFailed > MAX_FAILED_INDEXES_FOR_INDEXED_JOB) {
    errs.push(invalid(path.child('maxFailedIndexes'), maxFailed, 'must be less than or equal to 100000'));
  }
  return errs;
}

function podFailurePolicyErrors(spec: Record<string, unknown>, path: FieldPath): FieldError[] {
  const rules = objects(obj(spec.podFailurePolicy).rules);
  const rulesPath = path.child('rules');
  const errs: FieldError[] =
    rules.length > MAX_POD_FAILURE_POLICY_RULES ? [tooMany(rulesPath, rules.length, MAX_POD_FAILURE_POLICY_RULES)] : [];
  rules.forEach((rule, i) => {
    const actionPath = rulesPath.index(i).child('action');
    const action = text(rule.action);
    if (action === '')
      errs.push(
        required(actionPath, `valid values: [${POD_FAILURE_POLICY_ACTIONS.map((a) => JSON.stringify(a)).join(' ')}]`),
      );
    else if (action === 'FailIndex') {
      if (!isSet(spec.backoffLimitPerIndex))
        errs.push(invalid(actionPath, action, 'requires the backoffLimitPerIndex to be set'));
    } else if (!POD_FAILURE_POLICY_ACTIONS.includes(action))
      errs.push(notSupported(actionPath, action, POD_FAILURE_POLICY_ACTIONS));
  });
  return errs;
}

function restartPolicyErrors(spec: Record<string, unknown>, path: FieldPath): FieldError[] {
  const restartPolicy = text(obj(obj(spec.template).spec).restartPolicy);
  const at = path.child('template', 'spec', 'restartPolicy');
  if (restartPolicy === 'Always' || restartPolicy === '') return [required(at, 'valid values: "OnFailure", "Never"')];
  if (restartPolicy !== 'OnFailure' && restartPolicy !== 'Never')
    return [notSupported(at, restartPolicy, ['OnFailure', 'Never'])];
  if (isSet(spec.podFailurePolicy) && restartPolicy !== 'Never') {
    return [invalid(at, restartPolicy, 'only "Never" is supported when podFailurePolicy is specified')];
  }
  return [];
}

/** Upstream's validateJobSpec: everything but the selector. */
export function jobSpecErrors(specValue: unknown, path: FieldPath): FieldError[] {
  const spec = obj(specValue);
  const errs = [
    'parallelism',
    'completions',
    'activeDeadlineSeconds',
    'backoffLimit',
    'ttlSecondsAfterFinished',
    'backoffLimitPerIndex',
  ].flatMap((key) => nonNegative(spec[key], path.child(key)));
  if (isSet(spec.maxFailedIndexes)) {
    errs.push(...nonNegative(spec.maxFailedIndexes, path.child('maxFailedIndexes')));
    if (!isSet(spec.backoffLimitPerIndex))
      errs.push(required(path.child('backoffLimitPerIndex'), 'when maxFailedIndexes is specified'));
  }
  if (typeof spec.managedBy === 'string') {
    errs.push(...validateDomainPrefixedPath(spec.managedBy, path.child('managedBy')));
    if (spec.managedBy.length > MAX_MANAGED_BY_LENGTH)
      errs.push(tooLong(path.child('managedBy'), spec.managedBy, MAX_MANAGED_BY_LENGTH));
  }
  const mode = spec.completionMode;
  if (isSet(mode)) {
    if (mode !== 'NonIndexed' && mode !== 'Indexed')
      errs.push(notSupported(path.child('completionMode'), mode, ['NonIndexed', 'Indexed']));
    if (mode === 'Indexed') errs.push(...indexedErrors(spec, path));
  }
  if (!isSet(mode) || mode === 'NonIndexed') {
    if (isSet(spec.backoffLimitPerIndex))
      errs.push(
        invalid(path.child('backoffLimitPerIndex'), spec.backoffLimitPerIndex, 'requires indexed completion mode'),
      );
    if (isSet(spec.maxFailedIndexes))
      errs.push(invalid(path.child('maxFailedIndexes'), spec.maxFailedIndexes, 'requires indexed completion mode'));
  }
  if (isObj(spec.podFailurePolicy)) errs.push(...podFailurePolicyErrors(spec, path.child('podFailurePolicy')));
  if (isObj(spec.successPolicy)) {
    const rules = objects(spec.successPolicy.rules);
    if (mode !== 'Indexed')
      errs.push(invalid(path.child('successPolicy'), spec.successPolicy, 'requires indexed completion mode'));
    else if (rules.length > MAX_SUCCESS_POLICY_RULES)
      errs.push(tooMany(path.child('successPolicy', 'rules'), rules.length, MAX_SUCCESS_POLICY_RULES));
  }
  const replacement = spec.podReplacementPolicy;
  if (isSet(replacement)) {
    if (isSet(spec.podFailurePolicy)) {
      if (replacement !== 'Failed')
        errs.push(notSupported(path.child('podReplacementPolicy'), replacement, ['Failed']));
    } else if (replacement !== 'Failed' && replacement !== 'TerminatingOrFailed') {
      errs.push(notSupported(path.child('podReplacementPolicy'), replacement, ['Failed', 'TerminatingOrFailed']));
    }
  }
  errs.push(...podTemplateSpecErrors(spec.template, path.child('template')));
  errs.push(...restartPolicyErrors(spec, path));
  return errs;
}
