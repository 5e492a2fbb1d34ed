/**
 * The DaemonSet controller (upstream `daemon`, controller name `daemonset`): runs one pod of each DaemonSet on
 * every node that its nodeSelector, required node affinity and tolerations allow, pinned to that node by
 * required node affinity so that the default scheduler binds it; rolls template changes out node by node
 * (maxUnavailable, maxSurge) and records them as ControllerRevisions. It watches DaemonSets, their pods and
 * revisions, and nodes (a new node, or one whose labels or taints change, may need a pod).
 */
import type { ControllerRevision } from '../../api/apps/v1/controller-revision.js';
import type { DaemonSet } from '../../api/apps/v1/daemon-set.js';
import type { Node } from '../../api/core/v1/node.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { DeletedFinalStateUnknown } from '../../client/informers/object-key.js';
import type { KubeObject } from '../../client/kube-object.js';
import { labelSelectorFromObject, type LabelSelectorObject } from '../../machinery/labels/index.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { Expectations } from '../framework/expectations.js';
import { controllerOf, type OwnerReference } from '../framework/owner-references.js';
import { isPodReady } from '../framework/pod-conditions.js';
import { ReconcileLoop } from '../framework/reconcile-loop.js';
import { CONTROLLER_REVISIONS, ControllerHistory } from '../history/controller-history.js';
import { ensureControllerIndex } from '../replicaset/owner-index.js';
import { PODS } from '../replicaset/replica-controller.js';
import { DAEMON_SET_KIND, minReadySecondsOf } from './daemon-set-spec.js';
import { type DaemonSyncParts, syncDaemonSet } from './daemon-sync.js';
import { FailedPodsBackoff } from './failed-pods-backoff.js';
import { daemonSetEligibility, type NodeEligibility } from './node-eligibility.js';

export const NAME = 'daemonset';

export const DAEMON_SETS = { group: 'apps', version: 'v1', resource: 'daemonsets', namespaced: true } as const;
export const NODES = { group: '', version: 'v1', resource: 'nodes', namespaced: false } as const;

/** The event source component (upstream `daemonset-controller`). */
export const COMPONENT = 'daemonset-controller';

/** How often stale failed-pod back-off entries are dropped (upstream BackoffGCInterval). */
const BACKOFF_GC_INTERVAL_MS = 60_000;

const unwrap = <T>(obj: T | DeletedFinalStateUnknown<T>): T =>
  obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;

const keyOf = (obj: KubeObject): string => `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;

const sameRef = (a: OwnerReference | undefined, b: OwnerReference | undefined): boolean =>
  a === undefined || b === undefined
    ? a === b
    : a.uid === b.uid && a.name === b.name && a.kind === b.kind && a.apiVersion === b.apiVersion;

const sameJson = (a: unknown, b: unknown): boolean => JSON.stringify(a ?? null) === JSON.stringify(b ?? null);

function sameLabels(a: KubeObject, b: KubeObject): boolean {
  const x = a.metadata?.labels ?? {};
  const y = b.metadata?.labels ?? {};
  return Object.keys(x).length === Object.keys(y).length && Object.keys(x).every((k) => x[k] === y[k]);
}

class DaemonSetController implements Controller {
  readonly name = NAME;
  private readonly loop: ReconcileLoop;
  private readonly parts: DaemonSyncParts;
  private readonly compiled = new WeakMap<DaemonSet, NodeEligibility>();

  constructor(private readonly context: ControllerContext) {
    const daemonSets = context.informers.forResource<DaemonSet>(DAEMON_SETS);
    const revisions = context.informers.forResource<ControllerRevision>(CONTROLLER_REVISIONS);
    const pods = context.informers.forResource<Pod>(PODS);
    const nodes = context.informers.forResource<Node>(NODES);
    ensureControllerIndex(pods);
    const client = context.client;
    const recorder = context.recorder(COMPONENT);
    const podClient = client.resource<Pod>(PODS);
    const dsClient = client.resource<DaemonSet>(DAEMON_SETS);
    this.parts = {
      daemonSets,
      pods,
      nodes,
      dsClient,
      podClient,
      history: {
        history: new ControllerHistory(client.resource<ControllerRevision>(CONTROLLER_REVISIONS), revisions),
        dsClient,
        podClient,
      },
      podControl: { pods: podClient, recorder, expectations: new Expectations(context.clock) },
      backoff: new FailedPodsBackoff(),
      recorder,
      clock: context.clock,
      eligibility: (ds) => this.eligibility(ds),
    };
    this.loop = new ReconcileLoop({
      name: NAME,
      clock: context.clock,
      reconcile: (key) => syncDaemonSet(this.parts, key),
    });
    daemonSets.addEventHandler({
      onAdd: (ds) => this.loop.enqueue(ds),
      onUpdate: (old, cur) => {
        if (old.metadata?.uid !== cur.metadata?.uid) this.daemonSetDeleted(old);
        this.loop.enqueue(cur);
      },
      onDelete: (ds) => this.daemonSetDeleted(unwrap(ds)),
    });
    revisions.addEventHandler({
      onAdd: (r) => this.revisionAdded(r),
      onUpdate: (old, cur) => this.revisionUpdated(old, cur),
      onDelete: (r) => this.ownerOf(unwrap(r)),
    });
    pods.addEventHandler({
      onAdd: (pod) => this.podAdded(pod),
      onUpdate: (old, cur) => this.podUpdated(old, cur),
      onDelete: (pod) => this.podDeleted(unwrap(pod)),
    });
    nodes.addEventHandler({
      onAdd: (node) => this.nodeAdded(node),
      onUpdate: (old, cur) => this.nodeUpdated(old, cur),
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    const gc = setInterval(() => this.parts.backoff.gc(this.context.clock.now()), BACKOFF_GC_INTERVAL_MS);
    gc.unref();
    try {
      await this.loop.run(signal, this.context.options.concurrentSyncs);
    } finally {
      clearInterval(gc);
    }
  }

  private eligibility(ds: DaemonSet): NodeEligibility {
    let check = this.compiled.get(ds);
    if (check === undefined) this.compiled.set(ds, (check = daemonSetEligibility(ds)));
    return check;
  }

  private daemonSetDeleted(ds: DaemonSet): void {
    // A new DaemonSet of the same name must start without the old one's expectations.
    this.parts.podControl.expectations.delete(keyOf(ds));
    this.loop.enqueue(ds);
  }

  /** The DaemonSet a controller reference points to, if it is cached, a DaemonSet, and the same object. */
  private resolve(namespace: string, ref: OwnerReference): DaemonSet | undefined {
    if (ref.kind !== DAEMON_SET_KIND) return undefined;
    const ds = this.parts.daemonSets.indexer.getByKey(`${namespace}/${ref.name}`);
    return ds?.metadata?.uid === ref.uid ? ds : undefined;
  }

  /** The DaemonSets of the object's namespace whose selector matches its labels. */
  private selecting(obj: KubeObject): DaemonSet[] {
    return this.parts.daemonSets.indexer.byIndex('namespace', obj.metadata?.namespace ?? '').filter((ds) => {
      const parsed = labelSelectorFromObject(ds.spec?.selector as LabelSelectorObject | undefined);
      return parsed.ok && parsed.selector.matches(obj.metadata?.labels ?? {});
    });
  }

  /** Enqueues the controlling DaemonSet of `obj`; returns it. */
  private ownerOf(obj: KubeObject): DaemonSet | undefined {
    const ref = controllerOf(obj);
    const ds = ref === undefined ? undefined : this.resolve(obj.metadata?.namespace ?? '', ref);
    if (ds !== undefined) this.loop.enqueue(ds);
    return ds;
  }

  private revisionAdded(revision: ControllerRevision): void {
    if (revision.metadata?.deletionTimestamp) {
      this.ownerOf(revision);
      return;
    }
    // A controlled revision needs nothing; an orphan may be adopted.
    if (controllerOf(revision) === undefined) for (const ds of this.selecting(revision)) this.loop.enqueue(ds);
  }

  private revisionUpdated(old: ControllerRevision, cur: ControllerRevision): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = !sameRef(curRef, oldRef);
    if (refChanged && oldRef !== undefined) this.ownerOf(old);
    if (curRef !== undefined) {
      this.ownerOf(cur);
      return;
    }
    if (!sameLabels(old, cur) || refChanged) for (const ds of this.selecting(cur)) this.loop.enqueue(ds);
  }

  private podAdded(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) {
      this.podDeleted(pod);
      return;
    }
    const ref = controllerOf(pod);
    if (ref !== undefined) {
      const ds = this.resolve(pod.metadata?.namespace ?? '', ref);
      if (ds === undefined) return;
      this.parts.podControl.expectations.creationObserved(keyOf(ds));
      this.loop.enqueue(ds);
      return;
    }
    for (const ds of this.selecting(pod)) this.loop.enqueue(ds);
  }

  private podUpdated(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    if (cur.metadata?.deletionTimestamp) {
      // Graceful deletion started: the DaemonSet may replace the pod now rather than when it is gone.
      this.podDeleted(cur);
      return;
    }
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = !sameRef(curRef, oldRef);
    if (refChanged && oldRef !== undefined) this.ownerOf(old);
    if (curRef !== undefined) {
      const ds = this.ownerOf(cur);
      const minReady = ds === undefined ? 0 : minReadySecondsOf(ds);
      if (ds !== undefined && minReady > 0 && !isPodReady(old) && isPodReady(cur)) {
        // Availability follows readiness by minReadySeconds; a second more absorbs clock skew (as upstream).
        this.loop.enqueueAfter(
          { namespace: ds.metadata?.namespace ?? '', name: ds.metadata?.name ?? '' },
          (minReady + 1) * 1000,
        );
      }
      return;
    }
    if (!sameLabels(old, cur) || refChanged) for (const ds of this.selecting(cur)) this.loop.enqueue(ds);
  }

  private podDeleted(pod: Pod): void {
    const ref = controllerOf(pod);
    if (ref === undefined) return;
    const ds = this.resolve(pod.metadata?.namespace ?? '', ref);
    if (ds === undefined) return;
    this.parts.podControl.expectations.deletionObserved(keyOf(ds));
    this.loop.enqueue(ds);
  }

  private nodeAdded(node: Node): void {
    for (const ds of this.parts.daemonSets.indexer.list()) {
      if (this.eligibility(ds)(node).shouldRun) this.loop.enqueue(ds);
    }
  }

  private nodeUpdated(old: Node, cur: Node): void {
    // Only labels and taints decide eligibility.
    if (sameLabels(old, cur) && sameJson(old.spec?.taints, cur.spec?.taints)) return;
    for (const ds of this.parts.daemonSets.indexer.list()) {
      const check = this.eligibility(ds);
      const before = check(old);
      const after = check(cur);
      if (before.shouldRun !== after.shouldRun || before.shouldContinueRunning !== after.shouldContinueRunning) {
        this.loop.enqueue(ds);
      }
    }
  }
}

/** Builds the DaemonSet controller (registers its informer handlers). */
export const newDaemonSetController: ControllerFactory = (context) => new DaemonSetController(context);
