/**
 * The numbers of a rollout (upstream deployment util): maxSurge and maxUnavailable resolved against the
 * desired count (surge rounds up, unavailability rounds down, and both never resolve to zero together), the
 * size the new ReplicaSet may grow to, the saturation test, and the proportional share of a scaling event.
 */
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import { replicasOf } from './replica-set-groups.js';

export type IntOrString = number | string;

export const DEPLOYMENT_STRATEGY = { RollingUpdate: 'RollingUpdate', Recreate: 'Recreate' } as const;

export const MAX_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/max-replicas';
export const DESIRED_REPLICAS_ANNOTATION = 'deployment.kubernetes.io/desired-replicas';

/**
 * An int, or a percentage of `total` (upstream intstr.GetScaledValueFromIntOrPercent).
 * @throws Error with upstream's message for a string that is not a percentage.
 */
export function scaledValueFromIntOrPercent(value: IntOrString, total: number, roundUp: boolean): number {
  if (typeof value === 'number') return value;
  if (!value.endsWith('%')) throw new Error('invalid value for IntOrString: invalid type: string is not a percentage');
  const digits = value.slice(0, -1);
  if (!/^[+-]?\d+$/.test(digits))
    throw new Error(`invalid value for IntOrString: invalid value ${JSON.stringify(value)}`);
  const scaled = (Number(digits) * total) / 100;
  return roundUp ? Math.ceil(scaled) : Math.floor(scaled);
}

/** The desired replicas (1 when absent, as defaulting makes it). */
export const desiredReplicas = (d: Deployment): number => d.spec?.replicas ?? 1;

export const isRollingUpdate = (d: Deployment): boolean => d.spec?.strategy?.type === DEPLOYMENT_STRATEGY.RollingUpdate;

/**
 * maxSurge and maxUnavailable of `desired`, resolved together: when both come out zero, maxUnavailable
 * becomes 1 (surge might be impossible, e.g. under a quota). Unparseable values count as zero (validation
 * rejects them).
 */
export function resolveFenceposts(
  maxSurge: IntOrString | undefined | null,
  maxUnavailable: IntOrString | undefined | null,
  desired: number,
): { surge: number; unavailable: number } {
  const resolve = (v: IntOrString | undefined | null, roundUp: boolean): number => {
    try {
      return scaledValueFromIntOrPercent(v ?? 0, desired, roundUp);
    } catch {
      return 0;
    }
  };
  const surge = resolve(maxSurge, true);
  let unavailable = resolve(maxUnavailable, false);
  if (surge === 0 && unavailable === 0) unavailable = 1;
  return { surge, unavailable };
}

/** The pods a rolling deployment may run above its desired count (0 for Recreate). */
export function maxSurge(d: Deployment): number {
  if (!isRollingUpdate(d)) return 0;
  const rolling = d.spec?.strategy?.rollingUpdate;
  return resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, desiredReplicas(d)).surge;
}

/** The pods a rolling deployment may lack below its desired count (never more than that count). */
export function maxUnavailable(d: Deployment): number {
  const desired = desiredReplicas(d);
  if (!isRollingUpdate(d) || desired === 0) return 0;
  const rolling = d.spec?.strategy?.rollingUpdate;
  return Math.min(resolveFenceposts(rolling?.maxSurge, rolling?.maxUnavailable, desired).unavailable, desired);
}

/**
 * The size the new ReplicaSet should have now: for RollingUpdate, as large as the surge allows without
 * exceeding the desired count; for Recreate, the desired count.
 * @throws Error for an unknown strategy or an unparseable maxSurge.
 */
export function newReplicaSetReplicas(d: Deployment, allRSs: readonly ReplicaSet[], newRS: ReplicaSet): number {
  const desired = desiredReplicas(d);
  switch (d.spec?.strategy?.type) {
    case DEPLOYMENT_STRATEGY.RollingUpdate: {
      const surge = scaledValueFromIntOrPercent(d.spec?.strategy?.rollingUpdate?.maxSurge ?? 0, desired, true);
      const current = allRSs.reduce((sum, rs) => sum + replicasOf(rs), 0);
      const maxTotal = desired + surge;
      if (current >= maxTotal) return replicasOf(newRS);
      return replicasOf(newRS) + Math.min(maxTotal - current, desired - replicasOf(newRS));
    }
    case DEPLOYMENT_STRATEGY.Recreate:
      return desired;
    default:
      throw new Error(`deployment type ${d.spec?.strategy?.type ?? ''} isn't supported`);
  }
}

function intAnnotation(rs: ReplicaSet, key: string): number | undefined {
  const text = rs.metadata?.annotations?.[key];
  if (text === undefined || !/^[+-]?\d+$/.test(text)) return undefined;
  return Number(text);
}

/** The desired-replicas annotation, if present and numeric. */
export const desiredReplicasAnnotation = (rs: ReplicaSet): number | undefined =>
  intAnnotation(rs, DESIRED_REPLICAS_ANNOTATION);

/**
 * Whether the new ReplicaSet holds the whole deployment: sized to the desired count, agreeing on it through
 * its annotation, and with every pod available.
 */
export function isSaturated(d: Deployment, rs: ReplicaSet | undefined): boolean {
  if (rs === undefined) return false;
  const desired = desiredReplicas(d);
  return (
    replicasOf(rs) === desired &&
    desiredReplicasAnnotation(rs) === desired &&
    (rs.status?.availableReplicas ?? 0) === desired
  );
}

/** Go's integer.RoundToInt32: half rounds up. */
const roundHalfUp = (x: number): number => Math.floor(x + 0.5);

/** The replicas `rs` would gain (or lose, negative) were the deployment's new size shared in proportion. */
function replicaSetFraction(rs: ReplicaSet, d: Deployment): number {
  const desired = desiredReplicas(d);
  if (desired === 0) return -replicasOf(rs);
  const deploymentReplicas = desired + maxSurge(d);
  // Without the annotation, fall back to the deployment's current size (the min/max in proportionOf bound it).
  const annotated = intAnnotation(rs, MAX_REPLICAS_ANNOTATION) ?? d.status?.replicas ?? 0;
  if (annotated <= 0) return 0;
  return roundHalfUp((replicasOf(rs) * deploymentReplicas) / annotated) - replicasOf(rs);
}

/**
 * The share of `toAdd` replicas (negative: to remove) that `rs` takes when `added` were already handed out,
 * never beyond what remains.
 */
export function proportionOf(rs: ReplicaSet, d: Deployment, toAdd: number, added: number): number {
  if (replicasOf(rs) === 0 || toAdd === 0 || toAdd === added) return 0;
  const fraction = replicaSetFraction(rs, d);
  const allowed = toAdd - added;
  return toAdd > 0 ? Math.min(fraction, allowed) : Math.max(fraction, allowed);
}
