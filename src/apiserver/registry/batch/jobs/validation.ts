/** Job validation (upstream's ValidateJob, ValidateJobSpecUpdate and the basic status rules). */
import { type FieldError, FieldPath, invalid, required } from '../../../../machinery/field-errors.js';
import { isDNS1123Label } from '../../../../machinery/validation/names.js';
import { validateImmutableField } from '../../../../machinery/validation/object-meta-update.js';
import type { ApiObject } from '../../strategy.js';
import { isObj, isSet, num, obj, semanticEqual, text } from '../../apps/validation/json.js';
import { asSelector, validateLabelSelector } from '../../apps/validation/label-selector.js';
import { nonNegativeFields } from '../../apps/validation/numbers.js';
import { selectorMatchErrors } from '../../apps/validation/workload-template.js';
import { generatedSelectorErrors } from './generated-selector.js';
import { jobSpecErrors } from './job-spec-validation.js';

const SPEC = FieldPath.root('spec');
const STATUS = FieldPath.root('status');

/** Upstream's ValidateJobSpec: validateJobSpec, then the selector, which must select the template. */
export function jobSpecWithSelectorErrors(specValue: unknown): FieldError[] {
  const spec = obj(specValue);
  const errs = jobSpecErrors(spec, SPEC);
  if (!isSet(spec.selector)) errs.push(required(SPEC.child('selector')));
  else errs.push(...validateLabelSelector(spec.selector, SPEC.child('selector')));
  const selector = asSelector(spec.selector);
  if (selector !== undefined) errs.push(...selectorMatchErrors(selector, spec.template, SPEC.child('template')));
  return errs;
}

/** Upstream's ValidateJob (metadata aside, which the registry checks). */
export function jobErrors(job: ApiObject): FieldError[] {
  const errs = [...generatedSelectorErrors(job, true), ...jobSpecWithSelectorErrors(job.spec)];
  const spec = obj(job.spec);
  const completions = num(spec.completions);
  if (spec.completionMode === 'Indexed' && completions !== undefined && completions > 0) {
    const name = text(obj(job.metadata).name);
    const hostname = `${name}-${completions - 1}`;
    if (isDNS1123Label(hostname).length > 0) {
      errs.push(
        invalid(
          FieldPath.root('metadata').child('name'),
          name,
          `will not able to create pod with invalid DNS label: ${hostname}`,
        ),
      );
    }
  }
  return errs;
}

/**
 * The pod template is immutable, except that a Job suspended before it ever started may change its
 * scheduling directives (node selector, tolerations, node affinity, scheduling gates, labels, annotations).
 */
function templateUpdateErrors(
  spec: Record<string, unknown>,
  oldSpec: Record<string, unknown>,
  old: ApiObject,
): FieldError[] {
  const template = obj(spec.template);
  let oldTemplate: unknown = oldSpec.template;
  const neverStarted = !isSet(obj(old.status).startTime);
  if (oldSpec.suspend === true && neverStarted) {
    const copy = structuredClone(obj(oldSpec.template));
    const podSpec = isObj(copy.spec) ? copy.spec : (copy.spec = {});
    const newPodSpec = obj(template.spec);
    for (const key of ['nodeSelector', 'tolerations', 'schedulingGates']) podSpec[key] = newPodSpec[key];
    if (isObj(podSpec.affinity) || isObj(newPodSpec.affinity)) {
      const affinity: Record<string, unknown> = {
        ...obj(podSpec.affinity),
        nodeAffinity: obj(newPodSpec.affinity).nodeAffinity,
      };
      if (!isSet(affinity.nodeAffinity)) delete affinity.nodeAffinity;
      if (isObj(newPodSpec.affinity) || Object.keys(affinity).length > 0) podSpec.affinity = affinity;
      else delete podSpec.affinity;
    }
    const meta = isObj(copy.metadata) ? copy.metadata : (copy.metadata = {});
    meta.labels = obj(template.metadata).labels;
    meta.annotations = obj(template.metadata).annotations;
    oldTemplate = copy;
  }
  return validateImmutableField(spec.template, oldTemplate, SPEC.child('template'), semanticEqual);
}

/** Completions may change only for Indexed Jobs, and only together with parallelism (elastic Indexed Jobs). */
function completionsUpdateErrors(spec: Record<string, unknown>, oldSpec: Record<string, unknown>): FieldError[] {
  if (spec.completionMode !== 'Indexed')
    return validateImmutableField(spec.completions, oldSpec.completions, SPEC.child('completions'));
  if (spec.completions === oldSpec.completions || !isSet(spec.completions)) return [];
  return spec.completions === spec.parallelism
    ? []
    : [invalid(SPEC.child('completions'), spec.completions, 'can only be modified in tandem with spec.parallelism')];
}

/** Upstream's ValidateJobSpecUpdate. */
export function jobUpdateErrors(job: ApiObject, old: ApiObject): FieldError[] {
  const spec = obj(job.spec);
  const oldSpec = obj(old.spec);
  const immutable = (key: string): FieldError[] =>
    validateImmutableField(spec[key], oldSpec[key], SPEC.child(key), semanticEqual);
  return [
    ...jobSpecWithSelectorErrors(spec),
    ...completionsUpdateErrors(spec, oldSpec),
    ...immutable('selector'),
    ...templateUpdateErrors(spec, oldSpec, old),
    ...immutable('completionMode'),
    ...immutable('podFailurePolicy'),
    ...immutable('backoffLimitPerIndex'),
    ...immutable('managedBy'),
    ...immutable('successPolicy'),
  ];
}

/** The counts of a Job's status: never negative, never fewer ready than active, counters never decreasing. */
export function jobStatusUpdateErrors(job: ApiObject, old: ApiObject): FieldError[] {
  const status = obj(job.status);
  const oldStatus = obj(old.status);
  const errs = nonNegativeFields(status, ['active', 'succeeded', 'failed', 'ready', 'terminating'], STATUS);
  const ready = num(status.ready);
  if (ready !== undefined && ready > (num(status.active) ?? 0)) {
    errs.push(invalid(STATUS.child('ready'), ready, 'cannot set more ready pods than active'));
  }
  for (const key of ['failed', 'succeeded'] as const) {
    const n = num(status[key]) ?? 0;
    if (n < (num(oldStatus[key]) ?? 0)) errs.push(invalid(STATUS.child(key), n, `cannot decrease the ${key} counter`));
  }
  return errs;
}
