/**
 * Pod and PodTemplate printers. The Pod STATUS column follows upstream's derivation: phase, overridden by
 * status.reason, `SchedulingGated`, init container progress (`Init:1/2`, `Init:CrashLoopBackOff`,
 * `Init:ExitCode:1`), the container states (`CrashLoopBackOff`, `Completed`, `Signal:9`), `NotReady`, and
 * `Terminating` / `Unknown` once a deletion is pending.
 */
import { at, has, int, list, optTime, rec, str, strMap } from './accessors.js';
import { AGE, NAME, column } from './columns.js';
import { since } from './duration.js';
import { age, containerCells, name } from './format.js';
import { formatLabels } from './labels.js';
import type { Cell, Printer, TableRowCondition } from './types.js';

/** Pod status.reason that the node lifecycle controller sets on pods of an unreachable node. */
const NODE_UNREACHABLE_POD_REASON = 'NodeLost';

const isRestartableInitContainer = (container: unknown): boolean => str(container, 'restartPolicy') === 'Always';

/** The status of the pod's first condition of `type`, if it has one. */
function conditionStatus(pod: unknown, type: string): string | undefined {
  const condition = list(pod, 'status', 'conditions').find((c) => str(c, 'type') === type);
  return condition === undefined ? undefined : str(condition, 'status');
}

/** Whether any Ready condition of the pod is True. */
const hasReadyCondition = (pod: unknown): boolean =>
  list(pod, 'status', 'conditions').some((c) => str(c, 'type') === 'Ready' && str(c, 'status') === 'True');

/** A terminated state's reason, or `<prefix>Signal:N` / `<prefix>ExitCode:N` when it has none. */
function terminatedReason(terminated: unknown, prefix: string): string {
  const reason = str(terminated, 'reason');
  if (reason !== '') return prefix + reason;
  const signal = int(terminated, 'signal');
  return signal !== 0 ? `${prefix}Signal:${signal}` : `${prefix}ExitCode:${int(terminated, 'exitCode')}`;
}

/** The later of a running "last restart" and this container's last termination. */
function laterRestart(current: number | undefined, containerStatus: unknown): number | undefined {
  if (!has(containerStatus, 'lastState', 'terminated')) return current;
  const finished = optTime(containerStatus, 'lastState', 'terminated', 'finishedAt');
  if (finished === undefined) return current;
  return current === undefined || current < finished ? finished : current;
}

interface PodSummary {
  readonly ready: number;
  readonly total: number;
  readonly reason: string;
  readonly restarts: number;
  readonly lastRestart: number | undefined;
}

/** READY counts, STATUS reason and RESTARTS of a pod, as upstream's printPod computes them. */
function summarizePod(pod: unknown): PodSummary {
  const phase = str(pod, 'status', 'phase');
  let reason = str(pod, 'status', 'reason') || phase;
  for (const c of list(pod, 'status', 'conditions')) {
    if (str(c, 'type') === 'PodScheduled' && str(c, 'reason') === 'SchedulingGated') reason = 'SchedulingGated';
  }

  const initContainers = new Map<string, unknown>();
  let total = list(pod, 'spec', 'containers').length;
  for (const c of list(pod, 'spec', 'initContainers')) {
    initContainers.set(str(c, 'name'), c);
    if (isRestartableInitContainer(c)) total++;
  }

  let ready = 0;
  let restarts = 0;
  let sidecarRestarts = 0;
  let lastRestart: number | undefined;
  let lastSidecarRestart: number | undefined;
  let initializing = false;
  const initStatuses = list(pod, 'status', 'initContainerStatuses');
  const initCount = list(pod, 'spec', 'initContainers').length;
  for (const [i, cs] of initStatuses.entries()) {
    restarts += int(cs, 'restartCount');
    lastRestart = laterRestart(lastRestart, cs);
    const restartable = isRestartableInitContainer(initContainers.get(str(cs, 'name')));
    if (restartable) {
      sidecarRestarts += int(cs, 'restartCount');
      lastSidecarRestart = laterRestart(lastSidecarRestart, cs);
    }
    const waitingReason = str(cs, 'state', 'waiting', 'reason');
    if (has(cs, 'state', 'terminated') && int(cs, 'state', 'terminated', 'exitCode') === 0) continue;
    if (restartable && at(cs, 'started') === true) {
      if (at(cs, 'ready') === true) ready++;
      continue;
    }
    if (has(cs, 'state', 'terminated')) reason = terminatedReason(at(cs, 'state', 'terminated'), 'Init:');
    else if (has(cs, 'state', 'waiting') && waitingReason !== '' && waitingReason !== 'PodInitializing')
      reason = `Init:${waitingReason}`;
    else reason = `Init:${i}/${initCount}`;
    initializing = true;
    break;
  }

  if (!initializing || conditionStatus(pod, 'Initialized') === 'True') {
    restarts = sidecarRestarts;
    lastRestart = lastSidecarRestart;
    let hasRunning = false;
    const statuses = list(pod, 'status', 'containerStatuses');
    for (let i = statuses.length - 1; i >= 0; i--) {
      const cs = statuses[i];
      restarts += int(cs, 'restartCount');
      lastRestart = laterRestart(lastRestart, cs);
      const waitingReason = str(cs, 'state', 'waiting', 'reason');
      if (has(cs, 'state', 'waiting') && waitingReason !== '') reason = waitingReason;
      else if (has(cs, 'state', 'terminated')) reason = terminatedReason(at(cs, 'state', 'terminated'), '');
      else if (at(cs, 'ready') === true && has(cs, 'state', 'running')) {
        hasRunning = true;
        ready++;
      }
    }
    if (reason === 'Completed' && hasRunning) reason = hasReadyCondition(pod) ? 'Running' : 'NotReady';
  }

  const deleting = at(pod, 'metadata', 'deletionTimestamp') != null;
  if (deleting && str(pod, 'status', 'reason') === NODE_UNREACHABLE_POD_REASON) reason = 'Unknown';
  else if (deleting && phase !== 'Succeeded' && phase !== 'Failed') reason = 'Terminating';

  return { ready, total, reason, restarts, lastRestart };
}

/** The pod's first IP: status.podIPs[0], or the singular status.podIP that it mirrors. */
const podIP = (pod: unknown): string => str(list(pod, 'status', 'podIPs')[0], 'ip') || str(pod, 'status', 'podIP');

/** `true/total` over the spec's readiness gates, or `<none>` when it declares none. */
function readinessGates(pod: unknown): string {
  const gates = list(pod, 'spec', 'readinessGates');
  if (gates.length === 0) return '<none>';
  const trueCount = gates.filter((g) => conditionStatus(pod, str(g, 'conditionType')) === 'True').length;
  return `${trueCount}/${gates.length}`;
}

const orNone = (s: string): string => (s === '' ? '<none>' : s);

export const podPrinter: Printer = {
  columns: [
    NAME,
    column('Ready', 'string', 'Ready containers out of all containers (sidecar init containers included).'),
    column('Status', 'string', 'A one-word summary of the pod: phase, waiting or termination reason.'),
    column('Restarts', 'string', 'Container restarts, and how long ago the last one was.'),
    AGE,
    column('IP', 'string', 'The first IP address allocated to the pod.', { priority: 1 }),
    column('Node', 'string', 'The node the pod is bound to.', { priority: 1 }),
    column('Nominated Node', 'string', 'The node the pod is expected to run on after a preemption.', {
      priority: 1,
    }),
    column('Readiness Gates', 'string', 'Readiness gates whose condition is True, out of all gates.', {
      priority: 1,
    }),
  ],
  cells(pod, now): Cell[] {
    const s = summarizePod(pod);
    const restarts =
      s.restarts !== 0 && s.lastRestart !== undefined
        ? `${s.restarts} (${since(s.lastRestart, now)} ago)`
        : String(s.restarts);
    return [
      name(pod),
      `${s.ready}/${s.total}`,
      s.reason,
      restarts,
      age(pod, now),
      orNone(podIP(pod)),
      orNone(str(pod, 'spec', 'nodeName')),
      orNone(str(pod, 'status', 'nominatedNodeName')),
      readinessGates(pod),
    ];
  },
  conditions(pod): TableRowCondition[] | undefined {
    switch (str(pod, 'status', 'phase')) {
      case 'Succeeded':
        return [
          { type: 'Completed', status: 'True', reason: 'Succeeded', message: 'The pod has completed successfully.' },
        ];
      case 'Failed':
        return [{ type: 'Completed', status: 'True', reason: 'Failed', message: 'The pod failed.' }];
      default:
        return undefined;
    }
  },
};

export const podTemplatePrinter: Printer = {
  columns: [
    NAME,
    column('Containers', 'string', 'Names of each container in the template.'),
    column('Images', 'string', 'Images referenced by each container in the template.'),
    column('Pod Labels', 'string', 'The labels of the pod template.'),
  ],
  cells(obj): Cell[] {
    const [names, images] = containerCells(rec(obj, 'template', 'spec'));
    return [name(obj), names, images, formatLabels(strMap(obj, 'template', 'metadata', 'labels'))];
  },
};
