/**
 * The Node objects the simulator registers and the status it posts for them, as a kubelet would: capacity,
 * the four kubelet conditions with upstream's reasons, addresses, node info and the kubelet endpoint.
 */
import { createHash } from 'node:crypto';
import type { Node, Taint } from '../api/core/v1/node.js';
import type { NodeCondition, NodeStatus } from '../api/core/v1/node-status.js';
import { formatIpv4Cidr, type Ipv4Cidr, nodeIpOf } from './ipv4-cidr.js';
import { SIM_NODE_LABEL } from './sim-options.js';
import { formatTime } from './times.js';

export const KUBELET_VERSION = 'v1.32.0-skiff';
export const CONTAINER_RUNTIME_VERSION = 'sim://0.1';
export const KUBELET_PORT = 10250;

/** One simulated node: its name, and the pod range its pods get addresses from. */
export interface SimNode {
  readonly name: string;
  readonly cidr: Ipv4Cidr;
  /** Its InternalIP (the range's first host), also every pod's hostIP. */
  readonly ip: string;
  /** Changes with each simulator run, as a real node's boot ID changes with each boot. */
  readonly bootID: string;
}

/** What the simulator fills in on every node. */
export interface NodeTemplate {
  readonly capacity: Readonly<Record<string, string>>;
  readonly labels: Readonly<Record<string, string>>;
  readonly taints: readonly Taint[];
}

export function simNode(name: string, cidr: Ipv4Cidr, bootID: string): SimNode {
  return { name, cidr, ip: nodeIpOf(cidr), bootID };
}

/** The labels a node carries: the template's, then the well-known ones (which win). */
export function nodeLabels(name: string, template: NodeTemplate): Record<string, string> {
  return {
    ...template.labels,
    'kubernetes.io/hostname': name,
    'kubernetes.io/os': 'linux',
    'kubernetes.io/arch': 'amd64',
    [SIM_NODE_LABEL]: 'true',
  };
}

/** The conditions of a healthy kubelet, in upstream's order. */
const HEALTHY: readonly { type: string; status: string; reason: string; message: string }[] = [
  {
    type: 'MemoryPressure',
    status: 'False',
    reason: 'KubeletHasSufficientMemory',
    message: 'kubelet has sufficient memory available',
  },
  {
    type: 'DiskPressure',
    status: 'False',
    reason: 'KubeletHasNoDiskPressure',
    message: 'kubelet has no disk pressure',
  },
  {
    type: 'PIDPressure',
    status: 'False',
    reason: 'KubeletHasSufficientPID',
    message: 'kubelet has sufficient PID available',
  },
  { type: 'Ready', status: 'True', reason: 'KubeletReady', message: 'kubelet is posting ready status' },
];

/**
 * The healthy conditions, heartbeat `now`. A condition keeps its lastTransitionTime from `previous` when its
 * status did not change; other conditions in `previous` (set by someone else) are kept as they are.
 */
export function healthyConditions(now: number, previous: readonly NodeCondition[] = []): NodeCondition[] {
  const stamp = formatTime(now);
  const ours = HEALTHY.map((c) => {
    const before = previous.find((p) => p.type === c.type);
    const transition = before?.status === c.status && before.lastTransitionTime ? before.lastTransitionTime : stamp;
    return { ...c, lastHeartbeatTime: stamp, lastTransitionTime: transition };
  });
  const others = previous.filter((p) => !HEALTHY.some((c) => c.type === p.type));
  return [...ours, ...others];
}

/** Whether the node's Ready condition says True (false when it is Unknown, False or missing). */
export function isReady(node: Node): boolean {
  return node.status?.conditions?.find((c) => c.type === 'Ready')?.status === 'True';
}

const digest = (text: string): string => createHash('sha256').update(text).digest('hex');

/** A UUID-shaped text derived from `seed`, so that a node keeps its machine ID across simulator runs. */
function stableUuid(seed: string): string {
  const h = digest(seed);
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20, 32)}`;
}

/** The whole status of `node` at `now`, keeping transition times (and foreign conditions) of `previous`. */
export function nodeStatus(node: SimNode, template: NodeTemplate, now: number, previous?: NodeStatus): NodeStatus {
  return {
    ...previous,
    capacity: { ...template.capacity },
    allocatable: { ...template.capacity },
    conditions: healthyConditions(now, previous?.conditions ?? []),
    addresses: [
      { type: 'InternalIP', address: node.ip },
      { type: 'Hostname', address: node.name },
    ],
    daemonEndpoints: { kubeletEndpoint: { Port: KUBELET_PORT } },
    nodeInfo: {
      machineID: digest(`machine/${node.name}`).slice(0, 32),
      systemUUID: stableUuid(`system/${node.name}`),
      bootID: node.bootID,
      kernelVersion: '6.1.0-sim',
      osImage: 'Skiff simulated node',
      containerRuntimeVersion: CONTAINER_RUNTIME_VERSION,
      kubeletVersion: KUBELET_VERSION,
      kubeProxyVersion: '',
      operatingSystem: 'linux',
      architecture: 'amd64',
    },
  };
}

/** A new Node object for `node`, ready to create. */
export function newNodeObject(node: SimNode, template: NodeTemplate, now: number): Node {
  const cidr = formatIpv4Cidr(node.cidr);
  const spec: NonNullable<Node['spec']> = { podCIDR: cidr, podCIDRs: [cidr] };
  if (template.taints.length > 0) spec.taints = template.taints.map((t) => ({ ...t }));
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name: node.name, labels: nodeLabels(node.name, template) },
    spec,
    status: nodeStatus(node, template, now),
  } as Node;
}

/**
 * An existing node as the simulator takes it over: its labels completed, a pod CIDR set if it had none. The
 * node's own taints and pod CIDR are kept (a pod CIDR cannot change once set). Undefined when nothing needs
 * changing in its spec or metadata.
 */
export function adoptedNode(existing: Node, node: SimNode, template: NodeTemplate): Node | undefined {
  const labels = { ...existing.metadata?.labels, ...nodeLabels(node.name, template) };
  const labelsChanged = Object.entries(labels).some(([k, v]) => existing.metadata?.labels?.[k] !== v);
  const cidrMissing = !existing.spec?.podCIDR;
  if (!labelsChanged && !cidrMissing) return undefined;
  const copy = structuredClone(existing);
  copy.metadata = { ...copy.metadata, labels };
  if (cidrMissing) {
    const cidr = formatIpv4Cidr(node.cidr);
    copy.spec = { ...copy.spec, podCIDR: cidr, podCIDRs: [cidr] };
  }
  return copy;
}
