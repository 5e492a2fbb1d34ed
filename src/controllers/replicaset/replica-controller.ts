/**
 * The pod-management controller shared by ReplicaSets and ReplicationControllers (upstream's
 * ReplicaSetController, which serves RCs through a conversion): informer handlers that turn pod and owner
 * changes into owner keys and observed expectations, and the worker pool that syncs those keys.
 */
import type { Pod } from '../../api/core/v1/pod.js';
import { DeletedFinalStateUnknown } from '../../client/informers/object-key.js';
import type { KubeObject } from '../../client/kube-object.js';
import type { Controller, ControllerContext } from '../framework/controller.js';
import { Expectations } from '../framework/expectations.js';
import type { OwnerReference } from '../framework/owner-references.js';
import { controllerOf } from '../framework/owner-references.js';
import { isPodReady } from '../framework/pod-conditions.js';
import { ReconcileLoop } from '../framework/reconcile-loop.js';
import { BURST_REPLICAS } from './manage-replicas.js';
import { ensureControllerIndex } from './owner-index.js';
import { OwnWrites } from './own-writes.js';
import { type ReplicaSyncParts, syncReplicas } from './replica-sync.js';
import type { ReplicaOwner, ReplicatedKind } from './replicated-kind.js';

export const PODS = { group: '', version: 'v1', resource: 'pods', namespaced: true } as const;

const unwrap = <T>(obj: T | DeletedFinalStateUnknown<T>): T =>
  obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;

const deletionTimestampOf = (obj: KubeObject): string | undefined =>
  (obj.metadata as { deletionTimestamp?: string } | undefined)?.deletionTimestamp ?? undefined;

function sameLabels(a: KubeObject, b: KubeObject): boolean {
  const x = a.metadata?.labels ?? {};
  const y = b.metadata?.labels ?? {};
  const keys = Object.keys(x);
  return keys.length === Object.keys(y).length && keys.every((k) => x[k] === y[k]);
}

function sameRef(a: OwnerReference | undefined, b: OwnerReference | undefined): boolean {
  if (a === undefined || b === undefined) return a === b;
  return (
    a.uid === b.uid &&
    a.name === b.name &&
    a.kind === b.kind &&
    a.apiVersion === b.apiVersion &&
    Boolean(a.blockOwnerDeletion) === Boolean(b.blockOwnerDeletion)
  );
}

export class ReplicaController<T extends KubeObject> implements Controller {
  readonly name: string;
  private readonly loop: ReconcileLoop;
  private readonly parts: ReplicaSyncParts<T>;

  constructor(
    private readonly context: ControllerContext,
    private readonly kind: ReplicatedKind<T>,
  ) {
    this.name = kind.controllerName;
    const owners = context.informers.forResource<T>(kind.descriptor);
    const pods = context.informers.forResource<Pod>(PODS);
    ensureControllerIndex(owners);
    ensureControllerIndex(pods);
    const client = context.client;
    this.parts = {
      kind,
      owners,
      pods,
      ownerClient: client.resource<T>(kind.descriptor),
      clock: context.clock,
      ownWrites: new OwnWrites<T>(),
      control: {
        pods: client.resource<Pod>(PODS),
        recorder: context.recorder(kind.component),
        expectations: new Expectations(context.clock),
        ownerApiVersion: kind.apiVersion,
        ownerKind: kind.kind,
        burstReplicas: BURST_REPLICAS,
        now: () => context.clock.now(),
      },
    };
    this.loop = new ReconcileLoop({
      name: kind.controllerName,
      clock: context.clock,
      reconcile: (key) => syncReplicas(this.parts, key),
    });
    owners.addEventHandler({
      onAdd: (obj) => this.loop.enqueue(obj),
      onUpdate: (old, cur) => {
        if (old.metadata?.uid !== cur.metadata?.uid) this.ownerDeleted(old);
        this.loop.enqueue(cur);
      },
      onDelete: (obj) => this.ownerDeleted(unwrap(obj)),
    });
    pods.addEventHandler({
      onAdd: (pod) => this.podAdded(pod),
      onUpdate: (old, cur) => this.podUpdated(old, cur),
      onDelete: (pod) => this.podDeleted(unwrap(pod)),
    });
  }

  run(signal: AbortSignal): Promise<void> {
    return this.loop.run(signal, this.context.options.concurrentSyncs);
  }

  /** The owner a controller reference points to, if it is cached, of this kind, and the same object. */
  private resolve(namespace: string, ref: OwnerReference): T | undefined {
    if (ref.kind !== this.kind.kind) return undefined;
    const owner = this.parts.owners.indexer.getByKey(`${namespace}/${ref.name}`);
    return owner?.metadata?.uid === ref.uid ? owner : undefined;
  }

  private keyOf(obj: KubeObject): string {
    return `${obj.metadata?.namespace ?? ''}/${obj.metadata?.name ?? ''}`;
  }

  /** The owners of the pod's namespace whose selector matches it (for orphans that someone may adopt). */
  private ownersSelecting(pod: Pod): ReplicaOwner[] {
    const namespace = pod.metadata?.namespace ?? '';
    return this.parts.owners.indexer
      .byIndex('namespace', namespace)
      .map((o) => this.kind.toOwner(o))
      .filter((o) => o.selector?.matches(pod.metadata?.labels) ?? false);
  }

  private enqueueOwners(owners: readonly ReplicaOwner[]): void {
    for (const o of owners) this.loop.enqueueKey({ namespace: o.namespace, name: o.name });
  }

  private ownerDeleted(obj: T): void {
    const key = this.keyOf(obj);
    // A new owner with the same name must start without the old one's expectations.
    this.parts.control.expectations.delete(key);
    this.loop.enqueue(obj);
  }

  private podAdded(pod: Pod): void {
    if (deletionTimestampOf(pod)) {
      // Seen for the first time already being deleted (e.g. after a restart): not a creation.
      this.podDeleted(pod);
      return;
    }
    const ref = controllerOf(pod);
    if (ref !== undefined) {
      const owner = this.resolve(pod.metadata?.namespace ?? '', ref);
      if (owner === undefined) return;
      this.parts.control.expectations.creationObserved(this.keyOf(owner));
      this.loop.enqueue(owner);
      return;
    }
    // An orphan: wake every owner that might adopt it (never a creation observation).
    this.enqueueOwners(this.ownersSelecting(pod));
  }

  private podUpdated(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const labelsChanged = !sameLabels(old, cur);
    if (deletionTimestampOf(cur)) {
      // Graceful deletion started: the owner may replace the pod now rather than when it is gone.
      this.podDeleted(cur);
      if (labelsChanged) this.podDeleted(old);
      return;
    }
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = !sameRef(curRef, oldRef);
    if (refChanged && oldRef !== undefined) {
      const previous = this.resolve(old.metadata?.namespace ?? '', oldRef);
      if (previous !== undefined) this.loop.enqueue(previous);
    }
    if (curRef !== undefined) {
      const owner = this.resolve(cur.metadata?.namespace ?? '', curRef);
      if (owner === undefined) return;
      this.loop.enqueue(owner);
      const minReadySeconds = this.kind.toOwner(owner).minReadySeconds;
      if (!isPodReady(old) && isPodReady(cur) && minReadySeconds > 0) {
        // Availability follows readiness by minReadySeconds; a second more absorbs clock skew (as upstream).
        this.loop.enqueueAfter(
          { namespace: owner.metadata?.namespace ?? '', name: owner.metadata?.name ?? '' },
          (minReadySeconds + 1) * 1000,
        );
      }
      return;
    }
    if (labelsChanged || refChanged) this.enqueueOwners(this.ownersSelecting(cur));
  }

  private podDeleted(pod: Pod): void {
    const ref = controllerOf(pod);
    if (ref === undefined) return;
    const owner = this.resolve(pod.metadata?.namespace ?? '', ref);
    if (owner === undefined) return;
    this.parts.control.expectations.deletionObserved(this.keyOf(owner), pod.metadata?.uid ?? '');
    this.loop.enqueue(owner);
  }
}
