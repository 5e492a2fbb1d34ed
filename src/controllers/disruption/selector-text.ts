/**
 * A metav1.LabelSelector as Go's generated `String()` prints it (events quote selectors this way), e.g.
 * `&LabelSelector{MatchLabels:map[string]string{app: web,},MatchExpressions:[]LabelSelectorRequirement{},}`.
 */
import type { LabelSelectorObject } from '../../machinery/labels/index.js';
import { compareGoStrings } from '../../machinery/validation/go-format.js';

/** The Go text of `selector` (`nil` for none). */
export function goLabelSelectorString(selector: LabelSelectorObject | null | undefined): string {
  if (selector === null || selector === undefined) return 'nil';
  const labels = selector.matchLabels ?? {};
  const keys = Object.keys(labels).sort(compareGoStrings);
  const matchLabels = `map[string]string{${keys.map((k) => `${k}: ${labels[k] ?? ''},`).join('')}}`;
  const expressions = (selector.matchExpressions ?? [])
    .map(
      (e) => `LabelSelectorRequirement{Key:${e.key},Operator:${e.operator},Values:[${(e.values ?? []).join(' ')}],},`,
    )
    .join('');
  return `&LabelSelector{MatchLabels:${matchLabels},MatchExpressions:[]LabelSelectorRequirement{${expressions}},}`;
}
