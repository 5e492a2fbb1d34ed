/**
 * What one node needs (upstream podsShouldBeOnNode): a daemon pod when it should run one and has none;
 * deletion of failed pods (throttled by a per-node back-off) and succeeded ones; deletion of all but the
 * oldest pod (or, with surge, all but one old and one new); deletion of every pod on a node that may no
 * longer keep them.
 */
import type { DaemonSet } from '../../api/apps/v1/daemon-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { EventType } from '../../client/record/event-recorder.js';
import { isPodAvailable, isPodReady } from '../framework/pod-conditions.js';
import { allowsSurge, DAEMON_SET_HASH_LABEL } from './daemon-set-spec.js';
import type { FailedPodsBackoff } from './failed-pods-backoff.js';
import type { NodeVerdict } from './node-eligibility.js';

/** Reasons of the DaemonSet controller's own events (upstream daemon_controller.go). */
export const DaemonSetEventReason = {
  SelectingAll: 'SelectingAll',
  FailedPlacement: 'FailedPlacement',
  FailedDaemonPod: 'FailedDaemonPod',
  SucceededDaemonPod: 'SucceededDaemonPod',
} as const;

const createdAt = (p: Pod): number => {
  const t = Date.parse(p.metadata?.creationTimestamp ?? '');
  return Number.isFinite(t) ? t : 0;
};

/** Bound pods first, then the oldest, then by name (upstream podByCreationTimestampAndPhase). */
export function compareDaemonPods(a: Pod, b: Pod): number {
  const boundA = Boolean(a.spec?.nodeName);
  const boundB = Boolean(b.spec?.nodeName);
  if (boundA !== boundB) return boundA ? -1 : 1;
  if (createdAt(a) !== createdAt(b)) return createdAt(a) - createdAt(b);
  const x = a.metadata?.name ?? '';
  const y = b.metadata?.name ?? '';
  return x < y ? -1 : x > y ? 1 : 0;
}

export interface NodeContext {
  readonly ds: DaemonSet;
  readonly hash: string;
  readonly now: number;
  readonly backoff: FailedPodsBackoff;
  /** Records an event about the DaemonSet. */
  event(type: EventType, reason: string, message: string): void;
  /** Asks for another sync of the DaemonSet after `ms`. */
  requeueAfter(ms: number): void;
}

export interface NodePlan {
  /** Create a daemon pod on the node. */
  readonly create: boolean;
  /** Names of pods to delete. */
  readonly podsToDelete: string[];
}

/**
 * The plan for `nodeName`, given its verdict and the daemon pods on it (`undefined`: none at all). Records
 * the failed/succeeded pod events and back-off requeues through `ctx`.
 */
export function podsShouldBeOnNode(
  ctx: NodeContext,
  nodeName: string,
  verdict: NodeVerdict,
  daemonPods: readonly Pod[] | undefined,
): NodePlan {
  const podsToDelete: string[] = [];
  if (verdict.shouldRun && daemonPods === undefined) return { create: true, podsToDelete };
  if (!verdict.shouldContinueRunning) {
    for (const pod of daemonPods ?? [])
      if (!pod.metadata?.deletionTimestamp) podsToDelete.push(pod.metadata?.name ?? '');
    return { create: false, podsToDelete };
  }
  const running: Pod[] = [];
  const namespace = ctx.ds.metadata?.namespace ?? '';
  for (const pod of daemonPods ?? []) {
    if (pod.metadata?.deletionTimestamp) continue;
    const name = pod.metadata?.name ?? '';
    if (pod.status?.phase === 'Failed') {
      const key = `${ctx.ds.metadata?.uid ?? ''}/${ctx.ds.status?.observedGeneration ?? 0}/${nodeName}`;
      if (ctx.backoff.isInBackOffSinceUpdate(key, ctx.now)) {
        ctx.requeueAfter(ctx.backoff.get(key));
        continue;
      }
      ctx.backoff.next(key, ctx.now);
      ctx.event(
        EventType.Warning,
        DaemonSetEventReason.FailedDaemonPod,
        `Found failed daemon pod ${namespace}/${name} on node ${nodeName}, will try to kill it`,
      );
      podsToDelete.push(name);
    } else if (pod.status?.phase === 'Succeeded') {
      ctx.event(
        EventType.Normal,
        DaemonSetEventReason.SucceededDaemonPod,
        `Found succeeded daemon pod ${namespace}/${name} on node ${nodeName}, will try to delete it`,
      );
      podsToDelete.push(name);
    } else {
      running.push(pod);
    }
  }
  running.sort(compareDaemonPods);
  if (!allowsSurge(ctx.ds)) {
    // Without surge only the oldest pod may stay; when none is left, the next sync creates one.
    for (const pod of running.slice(1)) podsToDelete.push(pod.metadata?.name ?? '');
    return { create: false, podsToDelete };
  }
  if (running.length <= 1) return { create: running.length === 0 && verdict.shouldRun, podsToDelete };
  // With surge a node keeps its oldest new pod and its oldest old pod until the new one is available.
  let oldestNew: Pod | undefined;
  let oldestOld: Pod | undefined;
  for (const pod of running) {
    const isNew = pod.metadata?.labels?.[DAEMON_SET_HASH_LABEL] === ctx.hash;
    if (isNew && oldestNew === undefined) oldestNew = pod;
    else if (!isNew && oldestOld === undefined) oldestOld = pod;
    else podsToDelete.push(pod.metadata?.name ?? '');
  }
  if (oldestNew !== undefined && oldestOld !== undefined) {
    if (!isPodReady(oldestOld) || isPodAvailable(oldestNew, ctx.ds.spec?.minReadySeconds ?? 0, ctx.now)) {
      podsToDelete.push(oldestOld.metadata?.name ?? '');
    }
  }
  return { create: false, podsToDelete };
}
