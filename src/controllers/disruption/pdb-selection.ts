/**
 * Which pods a PodDisruptionBudget selects and which budgets select a pod (policy/v1: an empty selector
 * selects every pod of the namespace, an absent one none). Parsed selectors are cached per cached object.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { PodDisruptionBudget } from '../../api/policy/v1/pod-disruption-budget.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { Lister } from '../../client/listers/lister.js';
import { errorString } from '../../machinery/field-errors.js';
import {
  labelSelectorFromObject,
  type LabelSelectorObject,
  type LabelSelectorResult,
} from '../../machinery/labels/index.js';
import { selectPods } from '../endpoints/pod-label-index.js';

const parsed = new WeakMap<PodDisruptionBudget, LabelSelectorResult>();

/** The parsed selector of `pdb` (or why it cannot be one). */
export function pdbSelector(pdb: PodDisruptionBudget): LabelSelectorResult {
  let result = parsed.get(pdb);
  if (result === undefined) {
    result = labelSelectorFromObject(pdb.spec?.selector as LabelSelectorObject | null | undefined);
    parsed.set(pdb, result);
  }
  return result;
}

/**
 * The cached pods `pdb` selects (shared: do not mutate them).
 * @throws Error with the selector's validation message when it is invalid.
 */
export function podsForPdb(pods: SharedInformer<Pod>, pdb: PodDisruptionBudget): Pod[] {
  const selector = pdbSelector(pdb);
  if (!selector.ok) {
    const [first] = selector.errors;
    throw new Error(
      selector.errors.length === 1 && first ? errorString(first) : `[${selector.errors.map(errorString).join(', ')}]`,
    );
  }
  return selectPods(pods, pdb.metadata?.namespace ?? '', selector.selector);
}

/** The budgets of `pod`'s namespace whose valid selector matches it, by name. */
export function pdbsForPod(pdbs: Lister<PodDisruptionBudget>, pod: Pod): PodDisruptionBudget[] {
  return pdbs
    .byNamespace(pod.metadata?.namespace ?? '')
    .list()
    .filter((pdb) => {
      const selector = pdbSelector(pdb);
      return selector.ok && selector.selector.matches(pod.metadata?.labels);
    })
    .sort((a, b) => ((a.metadata?.name ?? '') < (b.metadata?.name ?? '') ? -1 : 1));
}
