/**
 * What the simulated kubelet does next with a pod, decided from the pod alone (level-based, so a restarted
 * simulator carries on where the last one stopped): start its containers, let them exit (and restart them
 * if the restart policy says so), follow its readiness gates, or stop them because the pod is being deleted.
 * Each step is one status write.
 *
 * Two annotations script the containers: `sim.skiff.dev/run-seconds: "N"` makes every container exit N
 * seconds after it started, with the code `sim.skiff.dev/exit-code: "C"` gives (default 0). Without them
 * containers run until the pod is deleted.
 */
import type { Container } from '../api/core/v1/container.js';
import type { ContainerStatus } from '../api/core/v1/container-status.js';
import type { Pod } from '../api/core/v1/pod.js';
import type { PodStatus } from '../api/core/v1/pod-status.js';
import { completedInitStatus, exitedStatus, restartedStatus, runningStatus } from './container-statuses.js';
import { podConditions, type PodOutcome, readinessChanged } from './pod-conditions.js';
import { podQosClass } from './qos-class.js';
import { formatTime, parseTime } from './times.js';

export const RUN_SECONDS_ANNOTATION = 'sim.skiff.dev/run-seconds';
export const EXIT_CODE_ANNOTATION = 'sim.skiff.dev/exit-code';

/** The exit code of containers stopped because their pod is deleted (SIGKILL, as after a grace period). */
export const KILLED_EXIT_CODE = 137;

/** A container that restarts runs at least this long, so that `run-seconds: "0"` cannot spin. */
const MIN_RESTART_RUN_MS = 1000;

/** How a pod's containers behave: exit after `runMs` with `exitCode`, or (runMs undefined) run forever. */
export interface RunScript {
  readonly runMs: number | undefined;
  readonly exitCode: number;
}

/** The pod's script from its annotations; unreadable values count as absent. */
export function runScriptOf(pod: Pod): RunScript {
  const annotations = pod.metadata?.annotations ?? {};
  const seconds = Number(annotations[RUN_SECONDS_ANNOTATION] ?? NaN);
  const code = Number(annotations[EXIT_CODE_ANNOTATION] ?? 0);
  return {
    runMs: Number.isFinite(seconds) && seconds >= 0 ? seconds * 1000 : undefined,
    exitCode: Number.isInteger(code) ? code : 0,
  };
}

/** Whether containers that exited with `exitCode` are started again under `pod`'s restart policy. */
export function restarts(pod: Pod, exitCode: number): boolean {
  const policy = pod.spec?.restartPolicy ?? 'Always';
  return policy === 'Always' || (policy === 'OnFailure' && exitCode !== 0);
}

/** Where the pod's network lives: its node's address and its own. */
export interface PodAddresses {
  readonly hostIP: string;
  readonly podIP: string;
}

/** The next status of a pod, when one is due, and when to look at the pod again. */
export interface PodStep {
  readonly kind: 'start' | 'exit' | 'readiness' | 'none';
  readonly status?: PodStatus;
  /** When the containers exit next (ms since the epoch), if they do. */
  readonly nextAt?: number;
}

export const isTerminal = (pod: Pod): boolean => pod.status?.phase === 'Succeeded' || pod.status?.phase === 'Failed';

const isSidecar = (c: Container): boolean => c.restartPolicy === 'Always';

/** Whether the simulator (this run or an earlier one) has started the pod's containers. */
export function isStarted(pod: Pod): boolean {
  if (pod.status?.phase !== 'Running') return false;
  const statuses = pod.status.containerStatuses ?? [];
  return (pod.spec?.containers ?? []).every((c) => statuses.some((s) => s.name === c.name));
}

/** When the running containers' time is up, per the script (undefined: never). */
export function exitDueAt(pod: Pod, script: RunScript): number | undefined {
  if (script.runMs === undefined) return undefined;
  const starts = (pod.status?.containerStatuses ?? [])
    .map((s) => parseTime(s.state?.running?.startedAt))
    .filter((t): t is number => t !== undefined);
  if (starts.length === 0) return undefined;
  const runMs = restarts(pod, script.exitCode) ? Math.max(script.runMs, MIN_RESTART_RUN_MS) : script.runMs;
  return Math.min(...starts) + runMs;
}

/** The status of a pod whose containers have just started at `now`. */
export function startedPodStatus(pod: Pod, addresses: PodAddresses, now: number): PodStatus {
  const uid = pod.metadata?.uid ?? '';
  const spec = pod.spec;
  const previous = pod.status ?? {};
  const status: PodStatus = {
    ...previous,
    phase: 'Running',
    conditions: podConditions(pod, 'Running', now),
    hostIP: addresses.hostIP,
    hostIPs: [{ ip: addresses.hostIP }],
    podIP: addresses.podIP,
    podIPs: [{ ip: addresses.podIP }],
    startTime: previous.startTime ?? formatTime(now),
    containerStatuses: (spec?.containers ?? []).map((c) => runningStatus(c, uid, 0, now)),
    qosClass: previous.qosClass ?? podQosClass(pod),
  };
  const inits = spec?.initContainers ?? [];
  if (inits.length > 0) {
    status.initContainerStatuses = inits.map((c) =>
      isSidecar(c) ? runningStatus(c, uid, 0, now) : completedInitStatus(c, uid, now),
    );
  }
  return status;
}

/** The pod's containers (sidecars too) stopped for good with `exitCode`; the pod finished as `outcome`. */
function stoppedPodStatus(pod: Pod, exitCode: number, outcome: Exclude<PodOutcome, 'Running'>, now: number): PodStatus {
  const previous = pod.status ?? {};
  const status: PodStatus = {
    ...previous,
    phase: outcome,
    conditions: podConditions(pod, outcome, now),
    containerStatuses: (previous.containerStatuses ?? []).map((s) => exitedStatus(s, exitCode, now)),
  };
  if (previous.initContainerStatuses !== undefined) {
    // Sidecars are stopped once the main containers are; they leave cleanly.
    const code = outcome === 'Failed' && exitCode === KILLED_EXIT_CODE ? KILLED_EXIT_CODE : 0;
    status.initContainerStatuses = previous.initContainerStatuses.map((s) => exitedStatus(s, code, now));
  }
  return status;
}

/** The status of a started pod whose containers' time is up at `now`: restarted, or finished. */
export function exitedPodStatus(pod: Pod, script: RunScript, now: number): PodStatus {
  const code = script.exitCode;
  if (!restarts(pod, code)) return stoppedPodStatus(pod, code, code === 0 ? 'Succeeded' : 'Failed', now);
  const uid = pod.metadata?.uid ?? '';
  const byName = new Map<string, ContainerStatus>((pod.status?.containerStatuses ?? []).map((s) => [s.name ?? '', s]));
  const containerStatuses = (pod.spec?.containers ?? []).map((c) => {
    const current = byName.get(c.name ?? '');
    return current === undefined ? runningStatus(c, uid, 0, now) : restartedStatus(c, uid, current, code, now);
  });
  return { ...pod.status, containerStatuses };
}

/**
 * The status of a pod being deleted: its running containers killed, the pod Failed (a pod whose containers
 * never started, or that already finished, needs no status: undefined).
 */
export function killedPodStatus(pod: Pod, now: number): PodStatus | undefined {
  if (!isStarted(pod)) return undefined;
  return stoppedPodStatus(pod, KILLED_EXIT_CODE, 'Failed', now);
}

/**
 * The next step for a pod bound to a simulated node and not being deleted. `addresses` are needed only to
 * start it. Terminal pods need nothing.
 */
export function nextStep(pod: Pod, addresses: PodAddresses, now: number): PodStep {
  if (isTerminal(pod)) return { kind: 'none' };
  const script = runScriptOf(pod);
  if (!isStarted(pod)) {
    const status = startedPodStatus(pod, addresses, now);
    const nextAt = exitDueAt({ ...pod, status }, script);
    return nextAt === undefined ? { kind: 'start', status } : { kind: 'start', status, nextAt };
  }
  const due = exitDueAt(pod, script);
  if (due !== undefined && due <= now) {
    const status = exitedPodStatus(pod, script, now);
    const nextAt = exitDueAt({ ...pod, status }, script);
    return nextAt === undefined ? { kind: 'exit', status } : { kind: 'exit', status, nextAt };
  }
  const later = due === undefined ? {} : { nextAt: due };
  if (readinessChanged(pod)) {
    return { kind: 'readiness', status: { ...pod.status, conditions: podConditions(pod, 'Running', now) }, ...later };
  }
  return { kind: 'none', ...later };
}
