/** Valid workload objects for strategy tests: a pod template selected by `app: web`. */
import type { ApiObject } from '../strategy.js';

export const TEMPLATE = {
  metadata: { labels: { app: 'web' } },
  spec: { containers: [{ name: 'web', image: 'nginx:1.27' }] },
};

/** A workload of `kind` in group apps with the given spec fields over a selector and template. */
export function workload(kind: string, spec: Record<string, unknown> = {}, apiVersion = 'apps/v1'): ApiObject {
  return {
    apiVersion,
    kind,
    metadata: { name: 'web', namespace: 'default', uid: '8a2b7c5e-0000-4000-8000-000000000001' },
    spec: { selector: { matchLabels: { app: 'web' } }, template: structuredClone(TEMPLATE), ...spec },
  };
}

/** `obj` with `spec` merged over its spec (shallowly). */
export function withSpec(obj: ApiObject, spec: Record<string, unknown>): ApiObject {
  const copy = structuredClone(obj);
  copy.spec = { ...(copy.spec as Record<string, unknown>), ...spec };
  return copy;
}
