/**
 * What makes a daemon pod out of a DaemonSet's template (upstream daemon/util): the tolerations every daemon
 * pod gets, the hash (and template generation) labels, and the required node affinity that pins the pod to
 * its node through the default scheduler.
 */
import type { Affinity, NodeSelectorTerm } from '../../api/core/v1/affinity.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { PodSpec, PodTemplateSpec } from '../../api/core/v1/pod-spec.js';
import type { Toleration } from '../../api/core/v1/scheduling.js';
import { OBJECT_NAME_FIELD } from '../../scheduler/plugins/node-affinity/node-selector.js';
import { DAEMON_SET_HASH_LABEL, TEMPLATE_GENERATION_LABEL } from './daemon-set-spec.js';

/** The node condition taints (upstream v1.TaintNode*). */
export const NodeTaint = {
  NotReady: 'node.kubernetes.io/not-ready',
  Unreachable: 'node.kubernetes.io/unreachable',
  DiskPressure: 'node.kubernetes.io/disk-pressure',
  MemoryPressure: 'node.kubernetes.io/memory-pressure',
  PIDPressure: 'node.kubernetes.io/pid-pressure',
  Unschedulable: 'node.kubernetes.io/unschedulable',
  NetworkUnavailable: 'node.kubernetes.io/network-unavailable',
} as const;

const exists = (key: string, effect: 'NoExecute' | 'NoSchedule'): Toleration => ({ key, operator: 'Exists', effect });

/**
 * The tolerations every daemon pod gets (upstream AddOrUpdateDaemonPodTolerations): not-ready and
 * unreachable NoExecute without a time limit (daemon pods survive node problems), the node condition
 * NoSchedule taints, and network-unavailable for host-network pods.
 */
export function daemonTolerations(hostNetwork: boolean): Toleration[] {
  const out = [
    exists(NodeTaint.NotReady, 'NoExecute'),
    exists(NodeTaint.Unreachable, 'NoExecute'),
    exists(NodeTaint.DiskPressure, 'NoSchedule'),
    exists(NodeTaint.MemoryPressure, 'NoSchedule'),
    exists(NodeTaint.PIDPressure, 'NoSchedule'),
    exists(NodeTaint.Unschedulable, 'NoSchedule'),
  ];
  if (hostNetwork) out.push(exists(NodeTaint.NetworkUnavailable, 'NoSchedule'));
  return out;
}

/** Same key, operator, value and effect (upstream Toleration.MatchToleration). */
const matchToleration = (a: Toleration, b: Toleration): boolean =>
  (a.key ?? '') === (b.key ?? '') &&
  (a.effect ?? '') === (b.effect ?? '') &&
  (a.operator ?? '') === (b.operator ?? '') &&
  (a.value ?? '') === (b.value ?? '');

/**
 * `tolerations` with `toleration` added, or replacing the one it matches (upstream
 * AddOrUpdateTolerationInPodSpec: a matching toleration with, say, tolerationSeconds is replaced).
 */
export function addOrUpdateToleration(tolerations: readonly Toleration[], toleration: Toleration): Toleration[] {
  let replaced = false;
  const out = tolerations.map((t) => {
    if (!matchToleration(toleration, t)) return t;
    replaced = true;
    return { ...toleration };
  });
  if (!replaced) out.push({ ...toleration });
  return out;
}

/** `spec` with the daemon tolerations added. Does not mutate `spec`. */
export function withDaemonTolerations(spec: PodSpec): PodSpec {
  let tolerations = [...(spec.tolerations ?? [])];
  for (const t of daemonTolerations(spec.hostNetwork === true)) tolerations = addOrUpdateToleration(tolerations, t);
  return { ...spec, tolerations };
}

/**
 * The template daemon pods are stamped from (upstream CreatePodTemplate): a copy with the daemon
 * tolerations, the template generation label (when the DaemonSet has one) and the hash label.
 */
export function daemonPodTemplate(
  template: PodTemplateSpec | undefined,
  generation: number | undefined,
  hash: string,
): PodTemplateSpec {
  const copy = structuredClone(template ?? {}) as PodTemplateSpec;
  const labels: Record<string, string> = { ...(copy.metadata?.labels ?? {}) };
  if (generation !== undefined) labels[TEMPLATE_GENERATION_LABEL] = String(generation);
  if (hash.length > 0) labels[DAEMON_SET_HASH_LABEL] = hash;
  return {
    ...copy,
    metadata: { ...copy.metadata, labels },
    spec: withDaemonTolerations(copy.spec ?? { containers: [] }),
  };
}

/**
 * `affinity` with its required node affinity replaced by one term selecting `nodeName` through
 * `metadata.name` matchFields (upstream ReplaceDaemonSetPodNodeNameNodeAffinity). Preferred terms and pod
 * (anti-)affinity are kept. Does not mutate `affinity`.
 */
export function pinToNode(affinity: Affinity | undefined, nodeName: string): Affinity {
  const term: NodeSelectorTerm = { matchFields: [{ key: OBJECT_NAME_FIELD, operator: 'In', values: [nodeName] }] };
  const copy = structuredClone(affinity ?? {});
  const nodeAffinity = copy.nodeAffinity ?? {};
  return {
    ...copy,
    nodeAffinity: {
      ...nodeAffinity,
      requiredDuringSchedulingIgnoredDuringExecution: {
        ...(nodeAffinity.requiredDuringSchedulingIgnoredDuringExecution ?? {}),
        nodeSelectorTerms: [term],
      },
    },
  };
}

/**
 * The node a daemon pod is for (upstream GetTargetNodeName): its nodeName once bound, else the single
 * `metadata.name` In value of its required node affinity; undefined when it names none (or several).
 */
export function targetNodeName(pod: Pod): string | undefined {
  if (pod.spec?.nodeName) return pod.spec.nodeName;
  const terms = pod.spec?.affinity?.nodeAffinity?.requiredDuringSchedulingIgnoredDuringExecution?.nodeSelectorTerms;
  for (const term of terms ?? []) {
    for (const field of term.matchFields ?? []) {
      if (field.key === OBJECT_NAME_FIELD && field.operator === 'In') {
        return field.values?.length === 1 ? field.values[0] : undefined;
      }
    }
  }
  return undefined;
}
