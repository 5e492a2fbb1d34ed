/**
 * The resource quota controller (upstream `resourcequota`): keeps each ResourceQuota's `status.hard` equal to
 * its `spec.hard` and `status.used` equal to what its namespace uses of those resources — pods and their
 * compute resources (scoped by Terminating/NotTerminating/BestEffort/NotBestEffort/PriorityClass/
 * CrossNamespacePodAffinity), services, claims and storage, configmaps, secrets, replication controllers,
 * quotas, and `count/<resource>.<group>` of any served resource.
 *
 * Quotas are recomputed when their spec changes, when a tracked object of their namespace is created, deleted
 * or changed in a way that matters (a pod turning terminal, a service changing type, …), and all of them every
 * `resourceQuotaSyncPeriodMs`. Quotas whose status does not yet reflect their spec go through a second queue,
 * so that new quotas do not wait behind a full resync (upstream's missing-usage queue). Upstream leaves
 * creations to the quota admission plugin, which charges them at once; here creations requeue too.
 */
import type { ConfigMap } from '../../api/core/v1/config-map.js';
import type { PersistentVolumeClaim } from '../../api/core/v1/persistent-volume-claim.js';
import type { Pod } from '../../api/core/v1/pod.js';
import type { ReplicationController } from '../../api/core/v1/replication-controller.js';
import type { ResourceQuota } from '../../api/core/v1/resource-quota.js';
import type { Secret } from '../../api/core/v1/secret.js';
import type { Service } from '../../api/core/v1/service.js';
import { NAMESPACE_INDEX } from '../../client/informers/indexer.js';
import { DeletedFinalStateUnknown } from '../../client/informers/object-key.js';
import type { SharedInformer } from '../../client/informers/shared-informer.js';
import type { KubeObject } from '../../client/kube-object.js';
import { isConflict, isNotFound } from '../../client/rest/error-predicates.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { type ObjectName, ReconcileLoop, type ReconcileResult } from '../framework/reconcile-loop.js';
import { every } from '../node-lifecycle/periodic.js';
import { claimEvaluator, objectCountEvaluator, podEvaluator, serviceEvaluator } from './core-evaluators.js';
import { CountMonitors } from './count-monitors.js';
import { type Evaluator, type GroupResource, groupResourceKey, NotSyncedError } from './evaluator.js';
import { computeQuotaStatus } from './quota-status.js';
import { parseResourceList, usageEquals } from './resource-list.js';

export const NAME = 'resourcequota';

const core = (resource: string) => ({ group: '', version: 'v1', resource, namespaced: true }) as const;
export const RESOURCE_QUOTAS = core('resourcequotas');

/** How soon a quota is looked at again after a write conflict or while a cache fills. */
const RETRY_MS = 100;

class ResourceQuotaController implements Controller {
  readonly name = NAME;
  private readonly quotas: SharedInformer<ResourceQuota>;
  private readonly builtIn: Evaluator<KubeObject>[] = [];
  private readonly counts: CountMonitors;
  private readonly primary: ReconcileLoop;
  private readonly missingUsage: ReconcileLoop;
  /** Keys being synced right now, by either queue. */
  private readonly syncing = new Set<string>();

  constructor(private readonly context: ControllerContext) {
    this.quotas = context.informers.forResource<ResourceQuota>(RESOURCE_QUOTAS);
    const track = <T extends KubeObject>(informer: SharedInformer<T>, evaluator: Evaluator<T>): void => {
      this.builtIn.push(evaluator as unknown as Evaluator<KubeObject>);
      this.watch(evaluator.groupResource, informer, evaluator);
    };
    const informer = <T extends KubeObject>(resource: string): SharedInformer<T> =>
      context.informers.forResource<T>(core(resource));
    track(informer<Pod>('pods'), podEvaluator(informer<Pod>('pods')));
    track(informer<Service>('services'), serviceEvaluator(informer<Service>('services')));
    const claims = informer<PersistentVolumeClaim>('persistentvolumeclaims');
    track(claims, claimEvaluator(claims));
    for (const resource of ['configmaps', 'secrets', 'replicationcontrollers', 'resourcequotas']) {
      const counted = informer<ConfigMap | Secret | ReplicationController | ResourceQuota>(resource);
      track(counted, objectCountEvaluator({ group: '', resource }, counted, resource));
    }
    this.counts = new CountMonitors(
      context,
      new Set(this.builtIn.map((e) => groupResourceKey(e.groupResource))),
      (gr, counted) => this.watch(gr, counted, undefined),
    );
    const reconcile = (key: ObjectName): Promise<ReconcileResult | void> => this.syncQuota(key);
    this.primary = new ReconcileLoop({ name: NAME, clock: context.clock, reconcile });
    this.missingUsage = new ReconcileLoop({ name: `${NAME}-missing-usage`, clock: context.clock, reconcile });
    this.quotas.addEventHandler({
      onAdd: (quota) => this.addQuota(quota),
      // Status updates are this controller's own writes: only a new spec.hard calls for a recalculation.
      onUpdate: (old, quota) => {
        const [a, b] = [old.spec?.hard, quota.spec?.hard] as (Record<string, string> | undefined)[];
        if (!usageEquals(parseResourceList(a), parseResourceList(b))) this.addQuota(quota);
      },
      onDelete: (quota) => this.primary.enqueue(quota),
    });
  }

  async run(signal: AbortSignal): Promise<void> {
    this.counts.start(signal);
    const workers = this.context.options.concurrentSyncs;
    await Promise.all([
      this.primary.run(signal, workers),
      this.missingUsage.run(signal, workers),
      every(
        this.context.clock,
        this.context.options.resourceQuotaSyncPeriodMs,
        signal,
        async () => {
          for (const quota of this.quotas.indexer.list()) this.primary.enqueue(quota);
        },
        () => undefined,
      ),
    ]);
  }

  private evaluators(): Evaluator<KubeObject>[] {
    return [...this.builtIn, ...this.counts.list()];
  }

  /** Queues a quota; one whose status lags its spec, or misses a usage we can measure, goes first. */
  private addQuota(quota: ResourceQuota): void {
    const hard = quota.spec?.hard as Record<string, string> | undefined;
    const statusHard = quota.status?.hard as Record<string, string> | undefined;
    if (statusHard === undefined || !usageEquals(parseResourceList(hard), parseResourceList(statusHard))) {
      this.missingUsage.enqueue(quota);
      return;
    }
    const used = quota.status?.used ?? {};
    const unmeasured = Object.keys(statusHard).filter((name) => !Object.hasOwn(used, name));
    if (unmeasured.length > 0 && this.evaluators().some((e) => e.matchingResources(unmeasured).length > 0)) {
      this.missingUsage.enqueue(quota);
      return;
    }
    this.primary.enqueue(quota);
  }

  /** Requeues the quotas of `namespace` that track something of `gr` (upstream replenishQuota). */
  private replenish(gr: GroupResource, namespace: string): void {
    const evaluator = this.evaluators().find((e) => groupResourceKey(e.groupResource) === groupResourceKey(gr));
    if (evaluator === undefined || namespace === '') return;
    for (const quota of this.quotas.indexer.byIndex(NAMESPACE_INDEX, namespace)) {
      if (evaluator.matchingResources(Object.keys(quota.status?.hard ?? {})).length > 0) this.primary.enqueue(quota);
    }
  }

  private watch<T extends KubeObject>(gr: GroupResource, informer: SharedInformer<T>, evaluator?: Evaluator<T>): void {
    const namespaceOf = (obj: T | DeletedFinalStateUnknown<T>): string =>
      (obj instanceof DeletedFinalStateUnknown ? obj.obj : obj).metadata?.namespace ?? '';
    informer.addEventHandler({
      onAdd: (obj, initial) => {
        if (!initial) this.replenish(gr, namespaceOf(obj));
      },
      onUpdate: (old, cur) => {
        // Most namespaces have no quota: skip the comparison for them.
        const namespace = namespaceOf(cur);
        if (!this.hasQuota(namespace)) return;
        if (evaluator?.updateMatters(old, cur, this.context.clock.now())) this.replenish(gr, namespace);
      },
      onDelete: (obj) => this.replenish(gr, namespaceOf(obj)),
    });
  }

  private hasQuota(namespace: string): boolean {
    return namespace !== '' && this.quotas.indexer.indexKeys(NAMESPACE_INDEX, namespace).length > 0;
  }

  /**
   * Recomputes one quota. Both queues may hold the same key: a quota being synced by one is requeued by the
   * other rather than written twice at once.
   */
  private async syncQuota({ namespace, name }: ObjectName): Promise<ReconcileResult | void> {
    const key = `${namespace}/${name}`;
    if (this.syncing.has(key)) return { requeueAfterMs: RETRY_MS };
    this.syncing.add(key);
    try {
      return await this.syncQuotaNow(key, namespace);
    } finally {
      this.syncing.delete(key);
    }
  }

  private async syncQuotaNow(key: string, namespace: string): Promise<ReconcileResult | void> {
    const quota = this.quotas.indexer.getByKey(key);
    if (quota === undefined) return;
    await this.counts.ensure(Object.keys(quota.spec?.hard ?? {}));
    const result = computeQuotaStatus(quota, this.evaluators(), this.context.clock.now());
    if (result.dirty) {
      const next = structuredClone(quota);
      next.status = result.status;
      try {
        await this.context.client.resource<ResourceQuota>(RESOURCE_QUOTAS).updateStatus(namespace, next);
      } catch (err) {
        // Our cache has not seen the quota's latest write yet (often our own): look again shortly.
        if (isConflict(err)) return { requeueAfterMs: RETRY_MS };
        if (isNotFound(err)) return;
        throw err;
      }
    }
    // Usage that could not be measured yet (a cache still filling) is measured again shortly.
    if (result.errors.some((e) => e instanceof NotSyncedError)) return { requeueAfterMs: RETRY_MS };
    if (result.errors.length > 0) throw result.errors[0];
  }
}

/** Builds the resource quota controller (registers its informer handlers). */
export const newResourceQuotaController: ControllerFactory = (context) => new ResourceQuotaController(context);
