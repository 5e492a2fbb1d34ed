/**
 * What a StatefulSet or DaemonSet revision records (upstream getPatch / ApplyRevision): a strategic merge
 * patch that puts the owner's pod template back, `{"spec":{"template":{…,"$patch":"replace"}}}`. Only the
 * template is recorded, so applying a revision is replacing the template; `kubectl rollout undo` sends the
 * same data to the API server as a strategic merge patch.
 */
import type { PodTemplateSpec } from '../../api/core/v1/pod-spec.js';
import { stableStringify } from '../deployment/pod-template-hash.js';

/** The `$patch` directive that makes a strategic merge patch replace the template wholesale. */
const REPLACE = 'replace';

/** The revision data recording `template`. Does not mutate `template`. */
export function templatePatch(template: PodTemplateSpec | undefined): Record<string, unknown> {
  const copy = structuredClone(template ?? {}) as Record<string, unknown>;
  return { spec: { template: { ...copy, $patch: REPLACE } } };
}

/** The template a revision's data records (without the `$patch` directive), or undefined when it has none. */
export function templateOfRevisionData(data: unknown): PodTemplateSpec | undefined {
  const spec = (data as { spec?: { template?: unknown } } | null | undefined)?.spec;
  const template = spec?.template;
  if (template === null || typeof template !== 'object' || Array.isArray(template)) return undefined;
  const copy = structuredClone(template) as Record<string, unknown>;
  delete copy['$patch'];
  return copy as PodTemplateSpec;
}

/** Whether two revisions' data are the same once empty values are dropped and keys sorted. */
export function revisionDataEqual(a: unknown, b: unknown): boolean {
  return stableStringify(a ?? {}) === stableStringify(b ?? {});
}
