/**
 * The pods a Job creates (upstream manageJob with GetPodFromTemplate): its template's labels, annotations,
 * finalizers and spec, plus the tracking finalizer and a controller reference; named `<job>-<random>`.
 * An Indexed Job's pod also gets its index as annotation and label, the JOB_COMPLETION_INDEX variable in
 * every container, the hostname `<job>-<index>`, the name prefix `<job>-<index>-`, and, with
 * backoffLimitPerIndex, the failure counts carried over from the pod it replaces.
 */
import type { Job } from '../../api/batch/v1/job.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { controllerRef } from '../framework/owner-references.js';
import { generateNameWithIndex, newIndexFailureCounts } from './completion-index.js';
import {
  COMPLETION_INDEX_ENV,
  hasBackoffLimitPerIndex,
  JOB_API_VERSION,
  JOB_KIND,
  JOB_TRACKING_FINALIZER,
  JobAnnotation,
} from './job-api.js';

type Container = NonNullable<NonNullable<Pod['spec']>['containers']>[number];

/** The longest valid DNS subdomain: a longer `<job>-` prefix falls back to the bare name (upstream getPodsPrefix). */
const MAX_NAME_LENGTH = 253;

function withIndexEnv(container: Container): Container {
  if ((container.env ?? []).some((e) => e.name === COMPLETION_INDEX_ENV)) return container;
  const fieldPath = `metadata.labels['${JobAnnotation.CompletionIndex}']`;
  return {
    ...container,
    env: [...(container.env ?? []), { name: COMPLETION_INDEX_ENV, valueFrom: { fieldRef: { fieldPath } } }],
  };
}

/**
 * The pod to create for `job`, for completion `index` when the Job is Indexed. `replaced` is the failed pod
 * of that index whose failure counts carry over (backoffLimitPerIndex). Does not mutate its arguments.
 */
export function podForJob(job: Job, index?: number, replaced?: Pod): Pod {
  const template = structuredClone(job.spec?.template ?? {});
  const meta = template.metadata ?? {};
  const name = job.metadata?.name ?? '';
  const labels: Record<string, string> = { ...(meta.labels ?? {}) };
  const annotations: Record<string, string> = { ...(meta.annotations ?? {}) };
  const finalizers = [...(meta.finalizers ?? [])];
  if (!finalizers.includes(JOB_TRACKING_FINALIZER)) finalizers.push(JOB_TRACKING_FINALIZER);
  const spec = (template.spec ?? { containers: [] }) as NonNullable<Pod['spec']>;
  let generateName = `${name}-`.length > MAX_NAME_LENGTH ? name : `${name}-`;
  if (index !== undefined) {
    spec.containers = (spec.containers ?? []).map(withIndexEnv);
    if (spec.initContainers) spec.initContainers = spec.initContainers.map(withIndexEnv);
    annotations[JobAnnotation.CompletionIndex] = String(index);
    labels[JobAnnotation.CompletionIndex] = String(index);
    spec.hostname = `${name}-${index}`;
    generateName = generateNameWithIndex(name, index);
    if (hasBackoffLimitPerIndex(job)) {
      const [counted, ignored] = newIndexFailureCounts(job, replaced);
      annotations[JobAnnotation.IndexFailureCount] = String(counted);
      if (ignored > 0) annotations[JobAnnotation.IndexIgnoredFailureCount] = String(ignored);
    }
  }
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      generateName,
      labels,
      annotations,
      finalizers,
      ownerReferences: [controllerRef(job, JOB_API_VERSION, JOB_KIND)],
    },
    spec,
  };
}
