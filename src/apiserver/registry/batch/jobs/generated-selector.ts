/**
 * Job selectors the system picks: unless `manualSelector` is true, a Job's pods carry its name and uid as
 * labels (both the batch.kubernetes.io/ ones and the legacy unprefixed ones) and the Job selects them by uid.
 */
import { type FieldError, FieldPath, invalid, required } from '../../../../machinery/field-errors.js';
import type { ApiObject } from '../../strategy.js';
import { isObj, obj, stringMap, text } from '../../apps/validation/json.js';
import { asSelector, selectorMatches } from '../../apps/validation/label-selector.js';

export const CONTROLLER_UID_LABEL = 'batch.kubernetes.io/controller-uid';
export const JOB_NAME_LABEL = 'batch.kubernetes.io/job-name';
export const LEGACY_CONTROLLER_UID_LABEL = 'controller-uid';
export const LEGACY_JOB_NAME_LABEL = 'job-name';

const manual = (job: ApiObject): boolean => obj(job.spec).manualSelector === true;

/**
 * Adds the name and uid labels the template lacks, and selects the uid label (upstream's generateSelector).
 * Labels the user set are kept; a conflict is left for validation to report.
 */
export function generateSelector(job: ApiObject): void {
  if (manual(job)) return;
  const meta = obj(job.metadata);
  const spec = isObj(job.spec) ? job.spec : (job.spec = {});
  const template = isObj(spec.template) ? spec.template : (spec.template = {});
  const templateMeta = isObj(template.metadata) ? template.metadata : (template.metadata = {});
  const labels = isObj(templateMeta.labels) ? templateMeta.labels : (templateMeta.labels = {});
  for (const key of [LEGACY_JOB_NAME_LABEL, JOB_NAME_LABEL]) if (!(key in labels)) labels[key] = text(meta.name);
  for (const key of [LEGACY_CONTROLLER_UID_LABEL, CONTROLLER_UID_LABEL])
    if (!(key in labels)) labels[key] = text(meta.uid);
  const selector = isObj(spec.selector) ? spec.selector : (spec.selector = {});
  const matchLabels = isObj(selector.matchLabels) ? selector.matchLabels : (selector.matchLabels = {});
  if (!(CONTROLLER_UID_LABEL in matchLabels)) matchLabels[CONTROLLER_UID_LABEL] = text(meta.uid);
}

/** `must be '<value>'` or Required, for a label the generated selector relies on (upstream's ValidateHasLabel). */
function hasLabelErrors(labels: Record<string, string>, key: string, expected: string, path: FieldPath): FieldError[] {
  const at = path.child('labels').key(key);
  if (!(key in labels)) return [required(at, expected)];
  return labels[key] === expected ? [] : [invalid(at, labels, `must be '${expected}'`)];
}

/** Upstream's validateGeneratedSelector: the template carries the labels and the selector selects them. */
export function generatedSelectorErrors(job: ApiObject, prefixedLabels: boolean): FieldError[] {
  const spec = obj(job.spec);
  if (manual(job) || !isObj(spec.selector)) return [];
  const meta = obj(job.metadata);
  const uid = text(meta.uid);
  const name = text(meta.name);
  const errs: FieldError[] = uid === '' ? [required(FieldPath.root('metadata').child('uid'))] : [];
  const templatePath = FieldPath.root('spec').child('template', 'metadata');
  const labels = stringMap(obj(obj(spec.template).metadata).labels);
  errs.push(...hasLabelErrors(labels, LEGACY_CONTROLLER_UID_LABEL, uid, templatePath));
  errs.push(...hasLabelErrors(labels, LEGACY_JOB_NAME_LABEL, name, templatePath));
  const expected: Record<string, string> = {};
  if (prefixedLabels) {
    errs.push(...hasLabelErrors(labels, CONTROLLER_UID_LABEL, uid, templatePath));
    errs.push(...hasLabelErrors(labels, JOB_NAME_LABEL, name, templatePath));
    expected[CONTROLLER_UID_LABEL] = uid;
    expected[JOB_NAME_LABEL] = name;
  }
  expected[LEGACY_CONTROLLER_UID_LABEL] = uid;
  expected[LEGACY_JOB_NAME_LABEL] = name;
  const selector = asSelector(spec.selector);
  if (selector !== undefined && !selectorMatches(selector, expected)) {
    errs.push(invalid(FieldPath.root('spec').child('selector'), spec.selector, '`selector` not auto-generated'));
  }
  return errs;
}
