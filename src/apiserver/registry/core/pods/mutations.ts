/**
 * What a new pod's labels add to its scheduling terms (upstream's mutatePodAffinity and
 * mutateTopologySpreadConstraints): each `matchLabelKeys` key present on the pod becomes an `In`
 * requirement of the term's label selector, each `mismatchLabelKeys` key a `NotIn` one.
 */
import { isObj, type Obj, objects, stringMap, strings } from './validation/common.js';

function merge(selector: unknown, keys: unknown, operator: 'In' | 'NotIn', labels: Record<string, string>): void {
  if (!isObj(selector)) return;
  for (const key of strings(keys)) {
    const value = labels[key];
    if (value === undefined) continue;
    const expressions = Array.isArray(selector.matchExpressions) ? selector.matchExpressions : [];
    expressions.push({ key, operator, values: [value] });
    selector.matchExpressions = expressions;
  }
}

function mergeTerm(term: Obj, labels: Record<string, string>): void {
  merge(term.labelSelector, term.matchLabelKeys, 'In', labels);
  merge(term.labelSelector, term.mismatchLabelKeys, 'NotIn', labels);
}

/** Mutates the pod's affinity terms and topology spread constraints in place. */
export function applyMatchLabelKeys(pod: Obj): void {
  const spec = isObj(pod.spec) ? pod.spec : undefined;
  if (!spec) return;
  const labels = stringMap(isObj(pod.metadata) ? pod.metadata.labels : undefined);
  const affinity = isObj(spec.affinity) ? spec.affinity : {};
  for (const kind of ['podAffinity', 'podAntiAffinity'] as const) {
    const a = affinity[kind];
    if (!isObj(a)) continue;
    objects(a.requiredDuringSchedulingIgnoredDuringExecution).forEach((t) => mergeTerm(t, labels));
    objects(a.preferredDuringSchedulingIgnoredDuringExecution).forEach((w) => {
      if (isObj(w.podAffinityTerm)) mergeTerm(w.podAffinityTerm, labels);
    });
  }
  for (const constraint of objects(spec.topologySpreadConstraints))
    merge(constraint.labelSelector, constraint.matchLabelKeys, 'In', labels);
}
