/**
 * Test builders for scheduler tests: pods, nodes, NodeInfos and a Handle over a fixed snapshot. Only tests
 * import this folder.
 */
import type { Namespace } from '../../api/core/v1/namespace.js';
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { PodSpec } from '../../api/core/v1/pod-spec.js';
import { realClock } from '../../client/clock/clock.js';
import type { SharedInformerFactory } from '../../client/informers/shared-informer-factory.js';
import { MemoryEventRecorder } from '../../client/record/event-recorder.js';
import type { RestClient } from '../../client/rest/rest-client.js';
import type { CycleState } from '../framework/cycle-state.js';
import type { Handle, PodNominator } from '../framework/interfaces.js';
import { NodeInfo } from '../framework/node-info.js';
import { newPodInfo, type PodInfo } from '../framework/pod-info.js';
import { Snapshot } from '../framework/snapshot.js';
import { Status } from '../framework/status.js';

export interface PodOptions {
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly uid?: string;
  /** Requests of one container, e.g. `{cpu: '500m', memory: '1Gi'}`. */
  readonly requests?: Record<string, string>;
  readonly nodeName?: string;
  readonly priority?: number;
  readonly spec?: Partial<PodSpec>;
  readonly creationTimestamp?: string;
}

/** A pod named `name` with one container (`c`, image `img`) and the given options. */
export function makePod(name: string, options: PodOptions = {}): Pod {
  const namespace = options.namespace ?? 'default';
  return {
    apiVersion: 'v1',
    kind: 'Pod',
    metadata: {
      name,
      namespace,
      uid: options.uid ?? `uid-${namespace}-${name}`,
      labels: options.labels,
      creationTimestamp: options.creationTimestamp ?? '2026-01-01T00:00:00Z',
    },
    spec: {
      containers: [{ name: 'c', image: 'img', resources: options.requests ? { requests: options.requests } : {} }],
      ...(options.nodeName ? { nodeName: options.nodeName } : {}),
      ...(options.priority !== undefined ? { priority: options.priority } : {}),
      ...options.spec,
    } as PodSpec,
    status: {},
  };
}

export interface NodeOptions {
  readonly labels?: Record<string, string>;
  /** Allocatable resources; default cpu 4, memory 32Gi, pods 110. */
  readonly allocatable?: Record<string, string>;
  readonly taints?: NonNullable<Node['spec']>['taints'];
  readonly unschedulable?: boolean;
  readonly images?: { names: string[]; sizeBytes: number }[];
}

/** A node named `name` (label kubernetes.io/hostname=name) with the given options. */
export function makeNode(name: string, options: NodeOptions = {}): Node {
  const allocatable = options.allocatable ?? { cpu: '4', memory: '32Gi', pods: '110' };
  return {
    apiVersion: 'v1',
    kind: 'Node',
    metadata: { name, uid: `uid-node-${name}`, labels: { 'kubernetes.io/hostname': name, ...options.labels } },
    spec: {
      ...(options.taints ? { taints: options.taints } : {}),
      ...(options.unschedulable ? { unschedulable: true } : {}),
    },
    status: { allocatable, capacity: allocatable, ...(options.images ? { images: options.images } : {}) },
  };
}

/** A NodeInfo of `node` with `pods` on it. */
export function makeNodeInfo(node: Node, pods: readonly Pod[] = []): NodeInfo {
  const info = new NodeInfo(node);
  for (const pod of pods) info.addPod(newPodInfo(pod));
  return info;
}

/** A namespace with labels (for namespaceSelector tests). */
export function makeNamespace(name: string, labels: Record<string, string> = {}): Namespace {
  return { apiVersion: 'v1', kind: 'Namespace', metadata: { name, labels } };
}

export interface TestHandleOptions {
  readonly namespaces?: readonly Namespace[];
  readonly nominated?: Readonly<Record<string, readonly Pod[]>>;
  /** Filter used by runFilterPluginsWithNominatedPods (default: everything fits). */
  readonly filter?: (state: CycleState, pod: Pod, nodeInfo: NodeInfo) => Status;
}

/**
 * A Handle over a fixed set of NodeInfos. `client` and `informers` are not available (they throw when used);
 * plugins that need them are tested against a real API server instead.
 */
export function makeHandle(
  nodeInfos: readonly NodeInfo[],
  options: TestHandleOptions = {},
): Handle & {
  readonly events: MemoryEventRecorder;
} {
  const snapshot = new Snapshot(nodeInfos);
  const namespaces = new Map((options.namespaces ?? []).map((n) => [n.metadata?.name ?? '', n]));
  const nominator: PodNominator = {
    nominatedPodsForNode: (node: string): readonly PodInfo[] => (options.nominated?.[node] ?? []).map(newPodInfo),
  };
  const unavailable = (what: string): never => {
    throw new Error(`${what} is not available in this test handle`);
  };
  return {
    get client(): RestClient {
      return unavailable('client');
    },
    get informers(): SharedInformerFactory {
      return unavailable('informers');
    },
    clock: realClock,
    events: new MemoryEventRecorder(),
    nominator,
    snapshot: () => snapshot,
    namespaceLabels: (name) => namespaces.get(name)?.metadata?.labels ?? undefined,
    runFilterPluginsWithNominatedPods: (state, pod, nodeInfo) =>
      options.filter ? options.filter(state, pod, nodeInfo) : Status.SUCCESS,
    runPreFilterExtensionAddPod: () => Status.SUCCESS,
    runPreFilterExtensionRemovePod: () => Status.SUCCESS,
  };
}
