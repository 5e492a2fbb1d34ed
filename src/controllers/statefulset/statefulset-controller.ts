/**
 * The StatefulSet controller (upstream `statefulset`): gives each StatefulSet its pods `<set>-<ordinal>`
 * with stable identities and per-pod claims, created in order (or in parallel), replaced from the highest
 * ordinal down on a rolling update, and recorded as ControllerRevisions. It watches StatefulSets and pods;
 * claims and revisions are read from their caches.
 */
import type { ControllerRevision } from '../../api/apps/v1/controller-revision.js';
import type { StatefulSet } from '../../api/apps/v1/stateful-set.js';
import type { PersistentVolumeClaim } from '../../api/core/v1/persistent-volume-claim.js';
import type { Pod } from '../../api/core/v1/pod.js';
import { DeletedFinalStateUnknown } from '../../client/informers/object-key.js';
import { labelSelectorFromObject, type LabelSelectorObject } from '../../machinery/labels/index.js';
import type { Controller, ControllerContext, ControllerFactory } from '../framework/controller.js';
import { controllerOf, type OwnerReference } from '../framework/owner-references.js';
import { isPodReady } from '../framework/pod-conditions.js';
import { ReconcileLoop } from '../framework/reconcile-loop.js';
import { CONTROLLER_REVISIONS, ControllerHistory } from '../history/controller-history.js';
import { ensureControllerIndex } from '../replicaset/owner-index.js';
import { PODS } from '../replicaset/replica-controller.js';
import { StatefulPodControl } from './stateful-pod-control.js';
import { minReadySecondsOf, STATEFUL_SET_KIND } from './stateful-set-spec.js';
import { type StatefulSetSyncParts, syncStatefulSet } from './stateful-sync.js';

export const NAME = 'statefulset';

export const STATEFUL_SETS = { group: 'apps', version: 'v1', resource: 'statefulsets', namespaced: true } as const;
export const PERSISTENT_VOLUME_CLAIMS = {
  group: '',
  version: 'v1',
  resource: 'persistentvolumeclaims',
  namespaced: true,
} as const;

/** The event source component (upstream `statefulset-controller`). */
export const COMPONENT = 'statefulset-controller';

const unwrap = <T>(obj: T | DeletedFinalStateUnknown<T>): T =>
  obj instanceof DeletedFinalStateUnknown ? obj.obj : obj;

function sameLabels(a: Pod, b: Pod): boolean {
  const x = a.metadata?.labels ?? {};
  const y = b.metadata?.labels ?? {};
  return Object.keys(x).length === Object.keys(y).length && Object.keys(x).every((k) => x[k] === y[k]);
}

const sameRef = (a: OwnerReference | undefined, b: OwnerReference | undefined): boolean =>
  a === undefined || b === undefined
    ? a === b
    : a.uid === b.uid && a.name === b.name && a.kind === b.kind && a.apiVersion === b.apiVersion;

class StatefulSetController implements Controller {
  readonly name = NAME;
  private readonly loop: ReconcileLoop;
  private readonly parts: StatefulSetSyncParts;

  constructor(private readonly context: ControllerContext) {
    const sets = context.informers.forResource<StatefulSet>(STATEFUL_SETS);
    const pods = context.informers.forResource<Pod>(PODS);
    const claims = context.informers.forResource<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS);
    const revisions = context.informers.forResource<ControllerRevision>(CONTROLLER_REVISIONS);
    ensureControllerIndex(pods);
    const client = context.client;
    const podClient = client.resource<Pod>(PODS);
    const setClient = client.resource<StatefulSet>(STATEFUL_SETS);
    this.parts = {
      sets,
      pods,
      setClient,
      podClient,
      control: {
        podControl: new StatefulPodControl({
          pods: podClient,
          claims: client.resource<PersistentVolumeClaim>(PERSISTENT_VOLUME_CLAIMS),
          claimCache: claims,
          recorder: context.recorder(COMPONENT),
        }),
        history: new ControllerHistory(client.resource<ControllerRevision>(CONTROLLER_REVISIONS), revisions),
        sets: setClient,
        clock: context.clock,
      },
    };
    this.loop = new ReconcileLoop({
      name: NAME,
      clock: context.clock,
      reconcile: (key) => syncStatefulSet(this.parts, key),
    });
    sets.addEventHandler({
      onAdd: (set) => this.loop.enqueue(set),
      onUpdate: (_old, set) => this.loop.enqueue(set),
      onDelete: (set) => this.loop.enqueue(set),
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

  /** The set a controller reference points to, if it is cached, a StatefulSet, and the same object. */
  private resolve(namespace: string, ref: OwnerReference): StatefulSet | undefined {
    if (ref.kind !== STATEFUL_SET_KIND) return undefined;
    const set = this.parts.sets.indexer.getByKey(`${namespace}/${ref.name}`);
    return set?.metadata?.uid === ref.uid ? set : undefined;
  }

  /** The sets of the pod's namespace whose selector matches it (for orphans that one may adopt). */
  private setsSelecting(pod: Pod): StatefulSet[] {
    return this.parts.sets.indexer.byIndex('namespace', pod.metadata?.namespace ?? '').filter((set) => {
      const parsed = labelSelectorFromObject(set.spec?.selector as LabelSelectorObject | undefined);
      return parsed.ok && parsed.selector.matches(pod.metadata?.labels ?? {});
    });
  }

  private podAdded(pod: Pod): void {
    if (pod.metadata?.deletionTimestamp) {
      this.podDeleted(pod);
      return;
    }
    const ref = controllerOf(pod);
    if (ref !== undefined) {
      const set = this.resolve(pod.metadata?.namespace ?? '', ref);
      if (set !== undefined) this.loop.enqueue(set);
      return;
    }
    for (const set of this.setsSelecting(pod)) this.loop.enqueue(set);
  }

  private podUpdated(old: Pod, cur: Pod): void {
    if (old.metadata?.resourceVersion === cur.metadata?.resourceVersion) return;
    const curRef = controllerOf(cur);
    const oldRef = controllerOf(old);
    const refChanged = !sameRef(curRef, oldRef);
    if (refChanged && oldRef !== undefined) {
      const previous = this.resolve(old.metadata?.namespace ?? '', oldRef);
      if (previous !== undefined) this.loop.enqueue(previous);
    }
    if (curRef !== undefined) {
      const set = this.resolve(cur.metadata?.namespace ?? '', curRef);
      if (set === undefined) return;
      this.loop.enqueue(set);
      const minReady = minReadySecondsOf(set);
      if (!isPodReady(old) && isPodReady(cur) && minReady > 0) {
        // Availability follows readiness by minReadySeconds; a second more absorbs clock skew (as upstream).
        this.loop.enqueueAfter(
          { namespace: set.metadata?.namespace ?? '', name: set.metadata?.name ?? '' },
          (minReady + 1) * 1000,
        );
      }
      return;
    }
    if (!sameLabels(old, cur) || refChanged) for (const set of this.setsSelecting(cur)) this.loop.enqueue(set);
  }

  private podDeleted(pod: Pod): void {
    const ref = controllerOf(pod);
    if (ref === undefined) return;
    const set = this.resolve(pod.metadata?.namespace ?? '', ref);
    if (set !== undefined) this.loop.enqueue(set);
  }
}

/** Builds the StatefulSet controller (registers its informer handlers). */
export const newStatefulSetController: ControllerFactory = (context) => new StatefulSetController(context);
