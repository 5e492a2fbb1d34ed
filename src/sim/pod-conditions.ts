/**
 * The pod conditions a kubelet owns (PodReadyToStartContainers, Initialized, Ready, ContainersReady and
 * PodScheduled), with upstream's reasons, for a pod whose containers all run or that has finished. Other
 * conditions (readiness gates, DisruptionTarget, …) belong to others and are kept as they are.
 */
import type { Pod } from '../api/core/v1/pod.js';
import type { PodCondition } from '../api/core/v1/pod-status.js';
import { formatTime } from './times.js';

/** Where the pod is: its containers running, or finished for good. */
export type PodOutcome = 'Running' | 'Succeeded' | 'Failed';

type Wanted = Pick<PodCondition, 'type' | 'status' | 'reason' | 'message'>;

const OWNED = new Set(['PodReadyToStartContainers', 'Initialized', 'Ready', 'ContainersReady', 'PodScheduled']);

/**
 * The Ready condition of a pod whose containers are all ready: True, unless a readiness gate's condition is
 * missing or not True (then False, ReadinessGatesNotReady, with upstream's message).
 */
export function readyCondition(pod: Pod, conditions: readonly PodCondition[]): Wanted {
  const unready: string[] = [];
  for (const gate of pod.spec?.readinessGates ?? []) {
    const c = conditions.find((x) => x.type === gate.conditionType);
    if (c === undefined) {
      unready.push(`corresponding condition of pod readiness gate "${gate.conditionType}" does not exist.`);
    } else if (c.status !== 'True') {
      unready.push(`the status of pod readiness gate "${gate.conditionType}" is not "True", but ${c.status}`);
    }
  }
  if (unready.length === 0) return { type: 'Ready', status: 'True' };
  return { type: 'Ready', status: 'False', reason: 'ReadinessGatesNotReady', message: unready.join(', ') };
}

function wanted(pod: Pod, outcome: PodOutcome, previous: readonly PodCondition[]): Wanted[] {
  if (outcome === 'Running') {
    return [
      { type: 'PodReadyToStartContainers', status: 'True' },
      { type: 'Initialized', status: 'True' },
      readyCondition(pod, previous),
      { type: 'ContainersReady', status: 'True' },
    ];
  }
  const reason = outcome === 'Succeeded' ? 'PodCompleted' : 'PodFailed';
  return [
    // The sandbox is gone once the pod has finished.
    { type: 'PodReadyToStartContainers', status: 'False' },
    outcome === 'Succeeded'
      ? { type: 'Initialized', status: 'True', reason: 'PodCompleted' }
      : { type: 'Initialized', status: 'True' },
    { type: 'Ready', status: 'False', reason },
    { type: 'ContainersReady', status: 'False', reason },
  ];
}

/**
 * The conditions of `pod` at `now` for `outcome`: the kubelet's, then PodScheduled (True unless the
 * scheduler said more), then everyone else's. A condition whose status stays keeps its lastTransitionTime.
 */
export function podConditions(pod: Pod, outcome: PodOutcome, now: number): PodCondition[] {
  const previous = pod.status?.conditions ?? [];
  const stamp = formatTime(now);
  const ours: PodCondition[] = wanted(pod, outcome, previous).map((c) => {
    const before = previous.find((p) => p.type === c.type);
    const kept = before !== undefined && before.status === c.status ? before.lastTransitionTime : undefined;
    return { ...c, lastTransitionTime: kept ?? stamp };
  });
  const scheduled = previous.find((p) => p.type === 'PodScheduled');
  ours.push(
    scheduled?.status === 'True' ? scheduled : { type: 'PodScheduled', status: 'True', lastTransitionTime: stamp },
  );
  return [...ours, ...previous.filter((p) => !OWNED.has(p.type ?? ''))];
}

/** Whether the Ready condition `pod` shows differs from the one its readiness gates now call for. */
export function readinessChanged(pod: Pod): boolean {
  const conditions = pod.status?.conditions ?? [];
  const want = readyCondition(pod, conditions);
  const have = conditions.find((c) => c.type === 'Ready');
  return (
    have === undefined ||
    have.status !== want.status ||
    (have.reason ?? '') !== (want.reason ?? '') ||
    (have.message ?? '') !== (want.message ?? '')
  );
}
