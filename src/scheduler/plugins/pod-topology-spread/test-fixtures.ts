/**
 * Builders for this plugin's tests (only tests import this file): pods with spread constraints, nodes with
 * exactly the labels given, snapshots, and a handle whose informer caches hold Services and controllers.
 */
import type { ReplicaSet } from '../../../api/apps/v1/replica-set.js';
import type { StatefulSet } from '../../../api/apps/v1/stateful-set.js';
import type { Node, Taint } from '../../../api/core/v1/node.js';
import type { Pod } from '../../../api/core/v1/pod.js';
import type { ReplicationController } from '../../../api/core/v1/replication-controller.js';
import type { Toleration, TopologySpreadConstraint } from '../../../api/core/v1/scheduling.js';
import type { Service } from '../../../api/core/v1/service.js';
import type { KubeObject } from '../../../client/kube-object.js';
import { type ResourceClientSource, SharedInformerFactory } from '../../../client/informers/shared-informer-factory.js';
import type { ResourceDescriptor } from '../../../client/rest/resource-path.js';
import {
  type LabelSelectorObject,
  labelSelectorFromObject,
  type LabelSelector,
} from '../../../machinery/labels/index.js';
import type { Handle } from '../../framework/interfaces.js';
import type { NodeInfo } from '../../framework/node-info.js';
import { makeHandle, makeNode, makeNodeInfo, makePod } from '../../testing/builders.js';
import { REPLICA_SETS, REPLICATION_CONTROLLERS, SERVICES, STATEFUL_SETS } from './default-selector.js';

export const fooSelector: LabelSelectorObject = { matchExpressions: [{ key: 'foo', operator: 'Exists' }] };
export const barSelector: LabelSelectorObject = { matchExpressions: [{ key: 'bar', operator: 'Exists' }] };
export const unschedulableTaint: Taint = { key: 'node.kubernetes.io/unschedulable', effect: 'NoSchedule' };

export interface SpreadOptions {
  readonly minDomains?: number;
  readonly nodeAffinityPolicy?: 'Honor' | 'Ignore';
  readonly nodeTaintsPolicy?: 'Honor' | 'Ignore';
  readonly matchLabelKeys?: string[];
}

/** A topology spread constraint; `selector` null leaves labelSelector unset (a null selector). */
export function spread(
  maxSkew: number,
  topologyKey: string,
  whenUnsatisfiable: 'DoNotSchedule' | 'ScheduleAnyway',
  selector: LabelSelectorObject | null,
  options: SpreadOptions = {},
): TopologySpreadConstraint {
  return {
    maxSkew,
    topologyKey,
    whenUnsatisfiable,
    ...(selector === null ? {} : { labelSelector: selector as TopologySpreadConstraint['labelSelector'] }),
    ...options,
  };
}

export interface TestPodOptions {
  readonly namespace?: string;
  readonly labels?: Record<string, string>;
  readonly node?: string;
  readonly constraints?: TopologySpreadConstraint[];
  readonly nodeSelector?: Record<string, string>;
  /** A required node affinity of one term with one expression. */
  readonly nodeAffinity?: { key: string; operator: 'In' | 'NotIn'; values: string[] };
  readonly tolerations?: Toleration[];
  readonly terminating?: boolean;
  /** The controlling owner, e.g. `{apiVersion: 'apps/v1', kind: 'ReplicaSet', name: 'rs1'}`. */
  readonly owner?: { apiVersion: string; kind: string; name: string };
  readonly uid?: string;
}

/** A pod named `name` in namespace `default` unless told otherwise. */
export function pod(name: string, options: TestPodOptions = {}): Pod {
  const affinity = options.nodeAffinity
    ? {
        nodeAffinity: {
          requiredDuringSchedulingIgnoredDuringExecution: {
            nodeSelectorTerms: [{ matchExpressions: [options.nodeAffinity] }],
          },
        },
      }
    : undefined;
  const base = makePod(name, {
    namespace: options.namespace ?? 'default',
    labels: options.labels ?? {},
    ...(options.uid ? { uid: options.uid } : {}),
    ...(options.node ? { nodeName: options.node } : {}),
    spec: {
      ...(options.constraints ? { topologySpreadConstraints: options.constraints } : {}),
      ...(options.nodeSelector ? { nodeSelector: options.nodeSelector } : {}),
      ...(affinity ? { affinity } : {}),
      ...(options.tolerations ? { tolerations: options.tolerations } : {}),
    },
  });
  const metadata = {
    ...base.metadata,
    ...(options.terminating ? { deletionTimestamp: '2026-01-01T00:00:01Z' } : {}),
    ...(options.owner
      ? { ownerReferences: [{ ...options.owner, uid: `uid-${options.owner.name}`, controller: true }] }
      : {}),
  };
  return { ...base, metadata };
}

/** A node with exactly `labels` (no automatic hostname label) and `taints`. */
export function node(name: string, labels: Record<string, string>, taints?: Taint[]): Node {
  const base = makeNode(name, taints ? { taints } : {});
  return { ...base, metadata: { ...base.metadata, labels } };
}

/** NodeInfos of `nodes` with `pods` placed on the node their `spec.nodeName` names. */
export function nodeInfos(nodes: readonly Node[], pods: readonly Pod[] = []): NodeInfo[] {
  return nodes.map((n) =>
    makeNodeInfo(
      n,
      pods.filter((p) => p.spec?.nodeName === n.metadata?.name),
    ),
  );
}

/** Objects the informer caches hold. */
export interface CachedObjects {
  readonly services?: Service[];
  readonly replicationControllers?: ReplicationController[];
  readonly replicaSets?: ReplicaSet[];
  readonly statefulSets?: StatefulSet[];
}

/** A test handle over `infos` whose informer factory's caches hold `objects` (nothing is listed or watched). */
export function handleWith(infos: readonly NodeInfo[], objects: CachedObjects = {}): Handle {
  const noServer: ResourceClientSource = { resource: () => ({}) as never };
  const factory = new SharedInformerFactory(noServer);
  const fill = (d: ResourceDescriptor, list: readonly KubeObject[] | undefined): void => {
    for (const o of list ?? []) factory.forResource<KubeObject>(d).indexer.add(o);
  };
  fill(SERVICES, objects.services);
  fill(REPLICATION_CONTROLLERS, objects.replicationControllers);
  fill(REPLICA_SETS, objects.replicaSets);
  fill(STATEFUL_SETS, objects.statefulSets);
  return Object.create(makeHandle(infos), { informers: { value: factory } }) as Handle;
}

/** A Service in `namespace` with `selector` (undefined: none, which selects nothing). */
export function service(name: string, selector: Record<string, string> | undefined, namespace = 'default'): Service {
  return { apiVersion: 'v1', kind: 'Service', metadata: { name, namespace }, spec: selector ? { selector } : {} };
}

/** A ReplicaSet in `namespace` with a metav1.LabelSelector. */
export function replicaSet(name: string, selector: LabelSelectorObject, namespace = 'default'): ReplicaSet {
  return {
    apiVersion: 'apps/v1',
    kind: 'ReplicaSet',
    metadata: { name, namespace },
    spec: { selector: selector as NonNullable<ReplicaSet['spec']>['selector'] },
  };
}

/** The text form of a selector that tells "nothing" apart from "everything". */
export function describeSelector(selector: LabelSelector): string {
  return selector.matchesNothing ? '<nothing>' : selector.toString();
}

/** `describeSelector` of a metav1.LabelSelector (null: the nothing selector). */
export function describeSelectorObject(object: LabelSelectorObject | null): string {
  const parsed = labelSelectorFromObject(object);
  if (!parsed.ok) throw new Error('invalid selector in test');
  return describeSelector(parsed.selector);
}
