/**
 * The Deployment controller (upstream `deployment`): rolls each Deployment's pod template out through
 * ReplicaSets, one per template (named by its pod-template-hash). It watches Deployments, their ReplicaSets
 * (whose status changes drive the rollout on) and pod deletions (which a Recreate rollout waits for).
 */
import type { Deployment } from '../../api/apps/v1/deployment.js';
import type { ReplicaSet } from '../../api/apps/v1/replica-set.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { DeletedFinalStateUnknown } from '../../client/informers/object-key.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import { isAlreadyExists, isConflict, isNotFound } from '../../client/rest/error-predicates.js';
import { labelSelectorFromObject, type LabelSelectorObject } from '../../machinery/labels/index.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { controllerOf, type OwnerReference } from '../framework/owner-references.js';
import { type ObjectName, ReconcileLoop, type ReconcileResult } from '../framework/reconcile-loop.js';
import { controlledBy, ensureControllerIndex } from '../replicaset/owner-index.js';
import { OwnWrites } from '../replicaset/own-writes.js';
import { PODS } from '../replicaset/replica-controller.js';
import { REPLICA_SETS } from '../replicaset/replicaset-controller.js';
import { syncDeployment } from './deployment-sync.js';
import type { DeploymentSyncContext } from './deployment-sync-state.js';
import { DEPLOYMENT_STRATEGY } from './rollout-arithmetic.js';

export const NAME = 'deployment';

export const DEPLOYMENTS = { group: 'apps', version: 'v1', resource: 'deployments', namespaced: true } as const;

/** After a write lost a race, look again this soon (the newer object's own event usually comes first). */
const CONFLICT_RETRY_MS = 1000;

const unwrap = <T>(obj: T | DeletedFinalStateUnknown<T>): T =>
  obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;

function sameLabels(a: ReplicaSet, b: ReplicaSet): boolean {
  const x = a.metadata?.labels ?? {};
  const y = b.metadata?.labels ?? {};
  return Object.keys(x).length === Object.keys(y).length && Object.keys(x).every((k) => x[k] === y[k]);
}

const sameRef = (a: OwnerReference | undefined, b: OwnerReference | undefined): boolean =>
  a === undefined || b === undefined ? a === b : a.uid === b.uid && a.name === b.name && a.kind === b.kind;

class DeploymentController implements Controller {
  readonly name = NAME;
  private readonly loop: ReconcileLoop;
  private readonly deployments: SharedInformer<Deployment>;
  private readonly ctx: DeploymentSyncContext;

  constructor(private readonly context: ControllerContext) {
    this.deployments = context.informers.forResource<Deployment>(DEPLOYMENTS);
    const rsInformer = context.informers.forResource<ReplicaSet>(REPLICA_SETS);
    const podInformer = context.informers.forResource<Pod>(PODS);
    ensureControllerIndex(rsInformer);
    ensureControllerIndex(podInformer);
    this.ctx = {
      deployments: context.client.resource<Deployment>(DEPLOYMENTS),
      replicaSets: context.client.resource<ReplicaSet>(REPLICA_SETS),
      rsInformer,
      podInformer,
      recorder: context.recorder('deployment-controller'),
      clock: context.clock,
      ownWrites: new OwnWrites<Deployment>(),
    };
    this.loop = new ReconcileLoop({ name: NAME, clock: context.clock, reconcile: (key) => this.reconcile(key) });
    this.deployments.addEventHandler({
      onAdd: (d) => this.loop.enqueue(d),
      onUpdate: (_old, d) => this.loop.enqueue(d),
      onDelete: (d) => this.loop.enqueue(d),
    });
    rsInformer.addEventHandler({
      onAdd: (rs) => this.replicaSetAdded(rs),
      onUpdate: (old, cur) => this.replicaSetUpdated(old, cur),
      onDelete: (rs) => this.replicaSetDeleted(unwrap(rs)),
    });
    podInformer.addEventHandler({ onDelete: (pod) => this.podDeleted(unwrap(pod)) });
  }

  run(signal: AbortSignal): Promise<void> {
    return this.loop.run(signal, this.context.options.concurrentSyncs);
  }

  private async reconcile(key: ObjectName): Promise<ReconcileResult> {
    const cacheKey = `${key.namespace}/${key.name}`;
    const cached = this.deployments.indexer.getByKey(cacheKey);
    if (cached === undefined) {
      this.ctx.ownWrites.forget(cacheKey);
      return {};
    }
    try {
      // A status write of ours the cache has not caught up with yet is the newest state of the deployment.
      const after = await syncDeployment(this.ctx, this.ctx.ownWrites.freshest(cacheKey, cached));
      return after === undefined ? {} : { requeueAfterMs: after };
    } catch (err) {
      // A write that lost a race, a name taken (a hash collision bumps collisionCount), an object gone
      // meanwhile: expected; the newer object's event requeues the deployment, and this retry is the net.
      if (isConflict(err) || isAlreadyExists(err) || isNotFound(err)) return { requeueAfterMs: CONFLICT_RETRY_MS };
      throw err;
    }
  }

  /** The deployment a controller reference points to, if cached and the same object. */
  private resolve(namespace: string, ref: OwnerReference): Deployment | undefined {
    if (ref.kind !== 'Deployment') return undefined;
    const d = this.deployments.indexer.getByKey(`${namespace}/${ref.name}`);
    return d?.metadata?.uid === ref.uid ? d : undefined;
  }

  /** The deployments of the ReplicaSet's namespace whose selector matches it (for orphans). */
  private deploymentsSelecting(rs: ReplicaSet): Deployment[] {
    return this.deployments.indexer.byIndex('namespace', rs.metadata?.namespace ?? '').filter((d) => {
      const selector = labelSelectorFromObject(d.spec?.selector as LabelSelectorObject | undefined);
      return selector.ok && !selector.selector.isEmpty() && selector.selector.matches(rs.metadata?.labels);
    });
  }

  private replicaSetAdded(rs: ReplicaSet): void {
    if (rs.metadata?.deletionTimestamp) {
      this.replicaSetDeleted(rs);
      return;
    }
    const ref = controllerOf(rs);
    if (ref !== undefined) {
      const d = this.resolve(rs.metadata?.namespace ?? '', ref);
      if (d !== undefined) this.loop.enqueue(d);
      return;
    }
    for (const d of this.deploymentsSelecting(rs)) this.loop.enqueue(d);
  }

  private replicaSetUpdated(old: ReplicaSet, cur: ReplicaSet): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = !sameRef(curRef, oldRef);
    if (refChanged && oldRef !== undefined) {
      const d = this.resolve(old.metadata?.namespace ?? '', oldRef);
      if (d !== undefined) this.loop.enqueue(d);
    }
    if (curRef !== undefined) {
      const d = this.resolve(cur.metadata?.namespace ?? '', curRef);
      if (d !== undefined) this.loop.enqueue(d);
      return;
    }
    if (!sameLabels(old, cur) || refChanged) for (const d of this.deploymentsSelecting(cur)) this.loop.enqueue(d);
  }

  private replicaSetDeleted(rs: ReplicaSet): void {
    const ref = controllerOf(rs);
    if (ref === undefined) return;
    const d = this.resolve(rs.metadata?.namespace ?? '', ref);
    if (d !== undefined) this.loop.enqueue(d);
  }

  /** A Recreate deployment waits for its old pods to be gone: look again once none is left. */
  private podDeleted(pod: Pod): void {
    const ref = controllerOf(pod);
    if (ref?.kind !== 'ReplicaSet') return;
    const namespace = pod.metadata?.namespace ?? '';
    const rs = this.ctx.rsInformer.indexer.getByKey(`${namespace}/${ref.name}`);
    if (rs === undefined || rs.metadata?.uid !== ref.uid) return;
    const dRef = controllerOf(rs);
    const d = dRef === undefined ? undefined : this.resolve(namespace, dRef);
    if (d?.spec?.strategy?.type !== DEPLOYMENT_STRATEGY.Recreate) return;
    const remaining = controlledBy(this.ctx.rsInformer, d.metadata?.uid ?? '').reduce(
      (sum, owned) => sum + controlledBy(this.ctx.podInformer, owned.metadata?.uid ?? '').length,
      0,
    );
    if (remaining === 0) this.loop.enqueue(d);
  }
}

/** Builds the Deployment controller (registers its informer handlers). */
export const newDeploymentController: ControllerFactory = (context) => new DeploymentController(context);
