/** Budgets, pods and controllers for the table-driven tests of the disruption arithmetic. */
import type { Pod } from '../../api/core/v1/pod.js';
import type { PodDisruptionBudget } from '../../api/policy/v1/pod-disruption-budget.js';
import type { ControllerFinder } from './controller-finders.js';

export interface FixturePod {
  readonly ready?: boolean;
  readonly deleting?: boolean;
  /** UID of the pod's controller; none for an unmanaged pod. */
  readonly owner?: string;
}

export function fixturePod(name: string, o: FixturePod = {}): Pod {
  return {
    metadata: {
      name,
      namespace: 'ns',
      labels: { app: 'web' },
      ...(o.deleting ? { deletionTimestamp: '2024-01-01T00:00:00Z' } : {}),
      ...(o.owner === undefined
        ? {}
        : {
            ownerReferences: [
              { apiVersion: 'apps/v1', kind: 'ReplicaSet', name: o.owner, uid: o.owner, controller: true },
            ],
          }),
    },
    status: { phase: 'Running', conditions: [{ type: 'Ready', status: o.ready === false ? 'False' : 'True' }] },
  } as Pod;
}

export function fixturePdb(
  spec: { minAvailable?: number | string; maxUnavailable?: number | string },
  status = {},
): PodDisruptionBudget {
  return {
    metadata: { name: 'budget', namespace: 'ns', generation: 1 },
    spec: { selector: { matchLabels: { app: 'web' } }, ...spec },
    status: { disruptionsAllowed: 0, currentHealthy: 0, desiredHealthy: 0, expectedPods: 0, ...status },
  } as PodDisruptionBudget;
}

/** A finder knowing the controllers of `scales` (UID → replicas). */
export const finderOf =
  (scales: Record<string, number>): ControllerFinder =>
  (ref) => {
    const scale = scales[ref.uid];
    return scale === undefined ? undefined : { uid: ref.uid, scale };
  };
