/**
 * Label and selector text as upstream prints it: `labels.FormatLabels` for plain maps (Service and
 * ReplicationController selectors, node selectors, pod labels) and `metav1.FormatLabelSelector` for
 * `LabelSelector`s (Deployment, ReplicaSet, DaemonSet, Job selectors; NetworkPolicy pod selectors).
 */
import { at, list, optStr, strMap, strings } from './accessors.js';

const NONE = '<none>';

/** Byte-wise string order (Go's `<` on strings), independent of locale. */
const byBytes = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);

/** `k1=v1,k2=v2` with the `k=v` pairs sorted, or `<none>` for an empty or missing map. */
export function formatLabels(labels: Readonly<Record<string, string>>): string {
  const pairs = Object.entries(labels).map(([k, v]) => `${k}=${v}`);
  return pairs.length === 0 ? NONE : pairs.sort(byBytes).join(',');
}

interface Requirement {
  readonly key: string;
  readonly text: string;
}

/** A matchExpressions entry as requirement text, or undefined when it is not a valid requirement. */
function expressionRequirement(expr: unknown): Requirement | undefined {
  const key = optStr(expr, 'key') ?? '';
  const values = strings(expr, 'values');
  const sortedValues = [...values].sort(byBytes).join(',');
  switch (optStr(expr, 'operator')) {
    case 'In':
      return values.length === 0 ? undefined : { key, text: `${key} in (${sortedValues})` };
    case 'NotIn':
      return values.length === 0 ? undefined : { key, text: `${key} notin (${sortedValues})` };
    case 'Exists':
      return values.length !== 0 ? undefined : { key, text: key };
    case 'DoesNotExist':
      return values.length !== 0 ? undefined : { key, text: `!${key}` };
    default:
      return undefined;
  }
}

/**
 * The selector's text as `labels.Selector.String()` renders `metav1.LabelSelectorAsSelector(sel)`: requirements
 * sorted by key (matchLabels as `k=v`, expressions as `k in (a,b)`, `k notin (a)`, `k`, `!k`), joined by commas.
 * A missing selector selects nothing and an empty one everything; both render as `''`.
 * @returns undefined when the selector is not valid (an unknown operator, or values that do not fit it).
 */
export function labelSelectorText(selector: unknown): string | undefined {
  if (typeof selector !== 'object' || selector === null) return '';
  const requirements: Requirement[] = Object.entries(strMap(selector, 'matchLabels')).map(([key, value]) => ({
    key,
    text: `${key}=${value}`,
  }));
  requirements.sort((a, b) => byBytes(a.key, b.key));
  for (const expr of list(selector, 'matchExpressions')) {
    const r = expressionRequirement(expr);
    if (r === undefined) return undefined;
    requirements.push(r);
  }
  // A stable sort keeps matchLabels ahead of expressions on the same key.
  requirements.sort((a, b) => byBytes(a.key, b.key));
  return requirements.map((r) => r.text).join(',');
}

/** `metav1.FormatLabelSelector`: the selector's text, `<none>` when it selects nothing or everything, `<error>` when invalid. */
export function formatLabelSelector(selector: unknown): string {
  const text = labelSelectorText(selector);
  if (text === undefined) return '<error>';
  return text === '' ? NONE : text;
}

/** The label selector at `path` under `obj`, formatted by {@link formatLabelSelector}. */
export const formatLabelSelectorAt = (obj: unknown, ...path: string[]): string => formatLabelSelector(at(obj, ...path));
