/**
 * Upstream's SetDefaults_Job (batch/v1). These apply to Jobs only: the JobSpec inside a CronJob's
 * jobTemplate is not defaulted this way (upstream defaults it only through its pod template).
 */
import { defaultPodTemplateSpec } from '../../core/v1/pod-spec-defaults.js';
import { isObj, objectsIn, type Obj, unset } from '../../apps/v1/object-access.js';

/** The backoff limit when backoffLimitPerIndex is set: Go's math.MaxInt32. */
export const MAX_INT32 = 2147483647;

/**
 * Defaults a Job in place: completions and parallelism (both 1 when both are unset, else parallelism 1),
 * backoffLimit (6, or MaxInt32 with a per-index limit), completionMode NonIndexed, suspend false, the
 * status of pod failure policy condition patterns (True), podReplacementPolicy (Failed with a pod failure
 * policy, else TerminatingOrFailed), manualSelector false, and the Job's labels from its template's when
 * it has none.
 */
export function defaultJob(obj: Obj): void {
  if (!isObj(obj.spec)) return;
  const spec = obj.spec;
  if (unset(spec.completions) && unset(spec.parallelism)) {
    spec.completions = 1;
    spec.parallelism = 1;
  }
  if (unset(spec.parallelism)) spec.parallelism = 1;
  if (unset(spec.backoffLimit)) spec.backoffLimit = unset(spec.backoffLimitPerIndex) ? 6 : MAX_INT32;
  const template = spec.template;
  const templateLabels = isObj(template) && isObj(template.metadata) ? template.metadata.labels : undefined;
  const meta = isObj(obj.metadata) ? obj.metadata : undefined;
  if (isObj(templateLabels) && meta !== undefined) {
    if (!isObj(meta.labels) || Object.keys(meta.labels).length === 0) meta.labels = { ...templateLabels };
  }
  if (unset(spec.completionMode)) spec.completionMode = 'NonIndexed';
  if (unset(spec.suspend)) spec.suspend = false;
  if (isObj(spec.podFailurePolicy)) {
    for (const rule of objectsIn(spec.podFailurePolicy.rules)) {
      for (const pattern of objectsIn(rule.onPodConditions)) if (unset(pattern.status)) pattern.status = 'True';
    }
  }
  if (unset(spec.podReplacementPolicy)) {
    spec.podReplacementPolicy = isObj(spec.podFailurePolicy) ? 'Failed' : 'TerminatingOrFailed';
  }
  if (unset(spec.manualSelector)) spec.manualSelector = false;
  defaultPodTemplateSpec(template);
}
