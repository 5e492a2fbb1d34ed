/**
 * How many pods a PodDisruptionBudget expects and how many must be healthy (upstream getExpectedPodCount):
 *  - maxUnavailable: expected = the summed scale of the selected pods' controllers; desired healthy =
 *    expected − maxUnavailable (a percentage of expected, rounded up), at least 0;
 *  - minAvailable as a count: expected = the selected pods; desired healthy = the count;
 *  - minAvailable as a percentage: expected = the controllers' scale; desired healthy = that percentage of
 *    it, rounded up.
 * Pods without a controller are reported as unmanaged and not counted in the scale.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import type { PodDisruptionBudget } from '../../api/policy/v1/pod-disruption-budget.js';
import { controllerOf } from '../framework/owner-references.js';
import type { ControllerFinder } from './controller-finders.js';
import { scaledValueFromIntOrPercent } from './int-or-percent.js';

export interface ExpectedPods {
  readonly expectedCount: number;
  readonly desiredHealthy: number;
  /** Names of selected pods without a controller. */
  readonly unmanagedPods: readonly string[];
}

/**
 * The expected scale of `pods`: the sum of `spec.replicas` of their distinct controllers.
 * @throws Error `found no controllers for pod "<name>"` when a pod's controller is of no known kind or gone.
 */
export function expectedScale(
  pods: readonly Pod[],
  find: ControllerFinder,
): { readonly expectedCount: number; readonly unmanagedPods: string[] } {
  const scales = new Map<string, number>();
  const unmanagedPods: string[] = [];
  for (const pod of pods) {
    const ref = controllerOf(pod);
    if (ref === undefined) {
      unmanagedPods.push(pod.metadata?.name ?? '');
      continue;
    }
    if (scales.has(ref.uid)) continue;
    const found = find(ref, pod.metadata?.namespace ?? '');
    if (found === undefined)
      throw new Error(`found no controllers for pod ${JSON.stringify(pod.metadata?.name ?? '')}`);
    scales.set(found.uid, found.scale);
  }
  let expectedCount = 0;
  for (const scale of scales.values()) expectedCount += scale;
  return { expectedCount, unmanagedPods };
}

/**
 * The expected and desired healthy counts of `pdb` for the pods it selects.
 * @throws Error as expectedScale does, or for a string that is no percentage.
 */
export function expectedPodCount(pdb: PodDisruptionBudget, pods: readonly Pod[], find: ControllerFinder): ExpectedPods {
  const spec = pdb.spec ?? {};
  if (spec.maxUnavailable !== undefined && spec.maxUnavailable !== null) {
    const { expectedCount, unmanagedPods } = expectedScale(pods, find);
    const maxUnavailable = scaledValueFromIntOrPercent(spec.maxUnavailable, expectedCount, true);
    return { expectedCount, desiredHealthy: Math.max(0, expectedCount - maxUnavailable), unmanagedPods };
  }
  if (spec.minAvailable !== undefined && spec.minAvailable !== null) {
    if (typeof spec.minAvailable === 'number') {
      return { expectedCount: pods.length, desiredHealthy: spec.minAvailable, unmanagedPods: [] };
    }
    const { expectedCount, unmanagedPods } = expectedScale(pods, find);
    const desiredHealthy = scaledValueFromIntOrPercent(spec.minAvailable, expectedCount, true);
    return { expectedCount, desiredHealthy, unmanagedPods };
  }
  return { expectedCount: 0, desiredHealthy: 0, unmanagedPods: [] };
}
