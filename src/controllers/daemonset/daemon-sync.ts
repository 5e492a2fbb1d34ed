/**
 * One sync of one DaemonSet (upstream syncDaemonSet): settle its revisions, then — unless earlier writes are
 * still unobserved — put a pod on every node that should run one and remove the others (manage), take the
 * rolling update a step further, trim the history, and write the status.
 */
import type { DaemonSet } from '../../api/apps/v1/daemon-set.js';
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { Clock } from '../../client/clock/clock.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import { type EventRecorder, EventType } from '../../client/record/event-recorder.js';
import type { ResourceClient } from '../../client/rest/resource-client.js';
import { type LabelSelector, labelSelectorFromObject, type LabelSelectorObject } from '../../machinery/labels/index.js';
import { controllerRef } from '../framework/owner-references.js';
import { isPodTerminal } from '../framework/pod-conditions.js';
import type { ObjectName, ReconcileResult } from '../framework/reconcile-loop.js';
import { adoptWithPatch, claimObjects, recheckOnce, releaseWithPatch } from '../replicaset/controller-ref-manager.js';
import { controlledBy, orphansIn } from '../replicaset/owner-index.js';
import { type DaemonHistoryDeps, cleanupHistory, constructHistory } from './daemon-history.js';
import { targetNodeName } from './daemon-pod-template.js';
import {
  DAEMON_SET_API_VERSION,
  DAEMON_SET_HASH_LABEL,
  DAEMON_SET_KIND,
  isRollingUpdate,
  minReadySecondsOf,
  templateGenerationOf,
  withDaemonSetTypeMeta,
} from './daemon-set-spec.js';
import { countDaemonPods, storeDaemonSetStatus } from './daemon-status.js';
import type { FailedPodsBackoff } from './failed-pods-backoff.js';
import type { NodeEligibility } from './node-eligibility.js';
import { DaemonSetEventReason, podsShouldBeOnNode } from './pods-on-node.js';
import { planRollingUpdate, updateBudget } from './rolling-update.js';
import { type DaemonPodControl, syncNodes } from './sync-nodes.js';

export interface DaemonSyncParts {
  readonly daemonSets: SharedInformer<DaemonSet>;
  /** The pods' informer, indexed by controller UID. */
  readonly pods: SharedInformer<Pod>;
  readonly nodes: SharedInformer<Node>;
  readonly dsClient: ResourceClient<DaemonSet>;
  readonly podClient: ResourceClient<Pod>;
  readonly history: DaemonHistoryDeps;
  readonly podControl: DaemonPodControl;
  readonly backoff: FailedPodsBackoff;
  readonly recorder: EventRecorder;
  readonly clock: Clock;
  /** The placement check of `ds` (compiled once per cached object). */
  eligibility(ds: DaemonSet): NodeEligibility;
}

/** What one sync works with. */
interface SyncState {
  readonly ds: DaemonSet;
  readonly key: string;
  readonly nodes: readonly Node[];
  readonly eligibility: NodeEligibility;
  readonly claimPods: () => Promise<Pod[]>;
  /** The smallest delay after which the DaemonSet should be looked at again. */
  requeueAfterMs?: number;
}

const isEmptySelector = (s: LabelSelectorObject | undefined): boolean =>
  s !== undefined && Object.keys(s.matchLabels ?? {}).length === 0 && (s.matchExpressions ?? []).length === 0;

function requeueAfter(state: SyncState, ms: number): void {
  state.requeueAfterMs = Math.min(state.requeueAfterMs ?? Infinity, ms);
}

/** Claims the DaemonSet's pods: adopts matching orphans (after an uncached check), releases unmatched ones. */
function podClaimer(
  parts: DaemonSyncParts,
  ds: DaemonSet,
  selector: LabelSelector,
): { claim: () => Promise<Pod[]>; canAdopt: () => Promise<void> } {
  const namespace = ds.metadata?.namespace ?? '';
  const name = ds.metadata?.name ?? '';
  const uid = ds.metadata?.uid ?? '';
  const ref = controllerRef(ds, DAEMON_SET_API_VERSION, DAEMON_SET_KIND);
  const canAdopt = recheckOnce(async () => {
    const fresh = await parts.dsClient.get(namespace, name);
    if (fresh.metadata?.uid !== uid) {
      throw new Error(
        `original DaemonSet ${namespace}/${name} is gone: got uid ${fresh.metadata?.uid ?? ''}, wanted ${uid}`,
      );
    }
    if (fresh.metadata?.deletionTimestamp) {
      throw new Error(`${namespace}/${name} has just been deleted at ${fresh.metadata.deletionTimestamp}`);
    }
  });
  const claim = async (): Promise<Pod[]> => {
    const candidates = [...controlledBy(parts.pods, uid), ...orphansIn(parts.pods, namespace)];
    const result = await claimObjects(
      { uid, namespace, deleting: Boolean(ds.metadata?.deletionTimestamp) },
      candidates,
      {
        match: (pod) => selector.matches(pod.metadata?.labels ?? {}),
        adopt: async (pod) => {
          await canAdopt();
          await adoptWithPatch(parts.podClient, pod, ref);
        },
        release: (pod) => releaseWithPatch(parts.podClient, pod, uid),
      },
    );
    if (result.error !== undefined) throw result.error;
    return result.claimed;
  };
  return { claim, canAdopt };
}

/** The claimed daemon pods by target node; finished pods being deleted are left out unless asked for. */
async function nodeToDaemonPods(state: SyncState, includeDeletedTerminal: boolean): Promise<Map<string, Pod[]>> {
  const map = new Map<string, Pod[]>();
  for (const pod of await state.claimPods()) {
    if (!includeDeletedTerminal && isPodTerminal(pod) && pod.metadata?.deletionTimestamp) continue;
    const node = targetNodeName(pod);
    if (node === undefined) continue;
    const list = map.get(node);
    if (list === undefined) map.set(node, [pod]);
    else list.push(pod);
  }
  return map;
}

/** Creates and deletes daemon pods so that each node has what it should (upstream manage). */
async function manage(parts: DaemonSyncParts, state: SyncState, hash: string): Promise<void> {
  const byNode = await nodeToDaemonPods(state, false);
  const ctx = {
    ds: state.ds,
    hash,
    now: parts.clock.now(),
    backoff: parts.backoff,
    event: (type: EventType, reason: string, message: string) =>
      parts.recorder.event(withDaemonSetTypeMeta(state.ds), type, reason, message),
    requeueAfter: (ms: number) => requeueAfter(state, ms),
  };
  const nodesNeedingPods: string[] = [];
  const podsToDelete: string[] = [];
  const known = new Set<string>();
  for (const node of state.nodes) {
    const name = node.metadata?.name ?? '';
    known.add(name);
    const plan = podsShouldBeOnNode(ctx, name, state.eligibility(node), byNode.get(name));
    if (plan.create) nodesNeedingPods.push(name);
    podsToDelete.push(...plan.podsToDelete);
  }
  // Pods pinned to nodes that do not exist are never scheduled, so pod GC never removes them: we do.
  for (const [node, pods] of byNode) {
    if (known.has(node)) continue;
    for (const pod of pods) if (!pod.spec?.nodeName) podsToDelete.push(pod.metadata?.name ?? '');
  }
  await syncNodes(parts.podControl, state.ds, state.key, podsToDelete, nodesNeedingPods, hash);
}

/** One step of the rolling update (upstream rollingUpdate). */
async function rollingUpdate(parts: DaemonSyncParts, state: SyncState, hash: string): Promise<void> {
  const byNode = await nodeToDaemonPods(state, false);
  const nodesByName = new Map(state.nodes.map((n) => [n.metadata?.name ?? '', n]));
  let desired = 0;
  for (const [name, node] of nodesByName) {
    if (!state.eligibility(node).shouldRun) continue;
    desired++;
    if (!byNode.has(name)) byNode.set(name, []);
  }
  let budget;
  try {
    budget = updateBudget(state.ds, desired);
  } catch (err) {
    throw new Error(`couldn't get unavailable numbers: ${err instanceof Error ? err.message : String(err)}`);
  }
  const plan = planRollingUpdate({
    ds: state.ds,
    nodeToDaemonPods: byNode,
    hash,
    generation: templateGenerationOf(state.ds),
    budget,
    now: parts.clock.now(),
    shouldRun: (name) => {
      const node = nodesByName.get(name);
      return node === undefined ? undefined : state.eligibility(node).shouldRun;
    },
  });
  await syncNodes(parts.podControl, state.ds, state.key, plan.podsToDelete, plan.nodesToCreate, hash);
}

async function updateStatus(parts: DaemonSyncParts, state: SyncState, hash: string, observed: boolean): Promise<void> {
  const counts = countDaemonPods(
    state.ds,
    state.nodes,
    state.eligibility,
    await nodeToDaemonPods(state, false),
    hash,
    templateGenerationOf(state.ds),
    parts.clock.now(),
  );
  try {
    await storeDaemonSetStatus(parts.dsClient, state.ds, counts, observed);
  } catch (err) {
    throw new Error(
      `error storing status for daemon set ${state.key}: ${err instanceof Error ? err.message : String(err)}`,
      {
        cause: err,
      },
    );
  }
  const minReady = minReadySecondsOf(state.ds);
  // Pods turn available minReadySeconds after turning ready, with no event to say so.
  if (minReady > 0 && counts.numberReady !== counts.numberAvailable) requeueAfter(state, minReady * 1000);
}

/** Reconciles the DaemonSet `key`. @throws what failed, so that the key is retried with backoff. */
export async function syncDaemonSet(parts: DaemonSyncParts, key: ObjectName): Promise<ReconcileResult> {
  const cacheKey = `${key.namespace}/${key.name}`;
  const ds = parts.daemonSets.indexer.getByKey(cacheKey);
  const expectations = parts.podControl.expectations;
  if (ds === undefined) {
    expectations.delete(cacheKey);
    return {};
  }
  const selectorObject = ds.spec?.selector as LabelSelectorObject | undefined;
  if (isEmptySelector(selectorObject)) {
    parts.recorder.event(
      withDaemonSetTypeMeta(ds),
      EventType.Warning,
      DaemonSetEventReason.SelectingAll,
      'This daemon set is selecting all pods. A non-empty selector is required.',
    );
    return {};
  }
  const parsed = labelSelectorFromObject(selectorObject);
  // An invalid selector is not transient: nothing to retry until the DaemonSet changes.
  if (!parsed.ok) return {};
  // Being deleted: its history may already be gone, so no status can be trusted.
  if (ds.metadata?.deletionTimestamp) return {};
  const { claim: claimPods, canAdopt } = podClaimer(parts, ds, parsed.selector);
  const state: SyncState = {
    ds,
    key: cacheKey,
    nodes: parts.nodes.indexer.list(),
    eligibility: parts.eligibility(ds),
    claimPods,
  };
  let history;
  try {
    history = await constructHistory(parts.history, ds, parsed.selector, canAdopt, claimPods);
  } catch (err) {
    throw new Error(`failed to construct revisions of DaemonSet: ${err instanceof Error ? err.message : String(err)}`, {
      cause: err,
    });
  }
  const hash = history.current.metadata?.labels?.[DAEMON_SET_HASH_LABEL] ?? '';
  if (!expectations.satisfied(cacheKey)) {
    // Writes still in flight: only the status, without raising observedGeneration.
    await updateStatus(parts, state, hash, false);
    return state.requeueAfterMs === undefined ? {} : { requeueAfterMs: state.requeueAfterMs };
  }
  let error: unknown;
  try {
    await manage(parts, state, hash);
    if (expectations.satisfied(cacheKey) && isRollingUpdate(ds)) await rollingUpdate(parts, state, hash);
    try {
      await cleanupHistory(parts.history, ds, history.old, [...(await nodeToDaemonPods(state, true)).values()].flat());
    } catch (err) {
      throw new Error(
        `failed to clean up revisions of DaemonSet: ${err instanceof Error ? err.message : String(err)}`,
        {
          cause: err,
        },
      );
    }
  } catch (err) {
    error = err;
  }
  let statusError: unknown;
  try {
    await updateStatus(parts, state, hash, true);
  } catch (err) {
    statusError = err;
  }
  const failure = error ?? statusError;
  if (failure !== undefined) throw failure;
  return state.requeueAfterMs === undefined ? {} : { requeueAfterMs: state.requeueAfterMs };
}
